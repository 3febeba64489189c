// A1 notation: column letters and row numbers as spreadsheets show them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lmacheck::workbook {

inline constexpr std::uint32_t max_rows = 1048576;   // the largest sheet Excel and LibreOffice allow
inline constexpr std::uint32_t max_columns = 16384;  // XFD

struct CellAddress {
    std::uint32_t row = 0;     // 0-based
    std::uint32_t column = 0;  // 0-based
    friend auto operator<=>(const CellAddress&, const CellAddress&) = default;
};

// "A", "B", ..., "Z", "AA", ... for a 0-based column.
std::string column_letters(std::uint32_t column);
// "E5" for row 4, column 4.
std::string a1(CellAddress cell);
// "E5" -> {4, 4}; "$E$5" is accepted; nullopt outside the sheet's bounds.
std::optional<CellAddress> parse_a1(std::string_view text);

}  // namespace lmacheck::workbook
