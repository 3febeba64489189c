#include "workbook/cell_address.hpp"

namespace lmacheck::workbook {

std::string column_letters(std::uint32_t column) {
    std::string letters;
    std::uint64_t n = std::uint64_t{column} + 1;
    while (n > 0) {
        const auto digit = static_cast<char>('A' + (n - 1) % 26);
        letters.insert(letters.begin(), digit);
        n = (n - 1) / 26;
    }
    return letters;
}

std::string a1(CellAddress cell) { return column_letters(cell.column) + std::to_string(std::uint64_t{cell.row} + 1); }

std::optional<CellAddress> parse_a1(std::string_view text) {
    std::size_t i = 0;
    if (i < text.size() && text[i] == '$') ++i;
    std::uint64_t column = 0;
    const std::size_t letters_start = i;
    while (i < text.size() && text[i] >= 'A' && text[i] <= 'Z' && i - letters_start < 4) {
        column = column * 26 + static_cast<std::uint64_t>(text[i] - 'A' + 1);
        ++i;
    }
    if (i == letters_start || column > max_columns) return std::nullopt;
    if (i < text.size() && text[i] == '$') ++i;
    std::uint64_t row = 0;
    const std::size_t digits_start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9' && i - digits_start < 8) {
        row = row * 10 + static_cast<std::uint64_t>(text[i] - '0');
        ++i;
    }
    if (i == digits_start || i != text.size() || row == 0 || row > max_rows) return std::nullopt;
    return CellAddress{static_cast<std::uint32_t>(row - 1), static_cast<std::uint32_t>(column - 1)};
}

}  // namespace lmacheck::workbook
