#include "workbook/xlsx_cached_values.hpp"

#include <orcus/sax_parser.hpp>

#include <charconv>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>

namespace lmacheck::workbook {
namespace {

// A date cell's ISO 8601 text ("2020-03-01", "2020-03-01T10:15:30.250",
// optionally with "Z") as an RFC 3339 date-time in UTC, as .ods dates are
// read (a time without a zone taken as UTC, the fraction of a second
// dropped). Text in another form is none.
// The text at `at` has the shape (`d` a digit, anything else itself).
bool has_shape(std::string_view text, std::size_t at, std::string_view shape) {
    if (text.size() < at + shape.size()) return false;
    for (std::size_t i = 0; i < shape.size(); ++i) {
        const char c = text[at + i];
        if (shape[i] == 'd' ? (c < '0' || c > '9') : c != shape[i]) return false;
    }
    return true;
}

int digits(std::string_view text, std::size_t at, std::size_t count) {
    int n = 0;
    for (std::size_t i = at; i < at + count; ++i) n = n * 10 + (text[i] - '0');
    return n;
}

std::optional<std::string> rfc3339_utc(std::string_view text) {
    if (!has_shape(text, 0, "dddd-dd-dd")) return std::nullopt;
    const int year = digits(text, 0, 4), month = digits(text, 5, 2), day = digits(text, 8, 2);
    int hour = 0, minute = 0, second = 0;
    std::size_t at = 10;
    if (has_shape(text, at, "Tdd:dd")) {
        hour = digits(text, at + 1, 2);
        minute = digits(text, at + 4, 2);
        at += 6;
        if (has_shape(text, at, ":dd")) {
            second = digits(text, at + 1, 2);
            at += 3;
            if (has_shape(text, at, ".d")) {
                ++at;
                while (has_shape(text, at, "d")) ++at;
            }
        }
    }
    if (has_shape(text, at, "Z")) ++at;
    if (at != text.size() || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 ||
        second > 60) {
        return std::nullopt;
    }
    char out[40];
    std::snprintf(out, sizeof out, "%04d-%02d-%02dT%02d:%02d:%02dZ", year, month, day, hour, minute, second);
    return out;
}

// Elements are matched by their local name: an .xlsx sheet part holds its
// cells in the spreadsheetml namespace, whatever prefix a writer gives it.
class CachedValues : public orcus::sax_handler {
public:
    explicit CachedValues(const std::function<void(CellAddress, CellValue)>& found) : found_(found) {}

    void attribute(const orcus::sax::parser_attribute& attr) {
        if (!attr.ns.empty()) return;
        if (attr.name == "r") reference_ = std::string(attr.value);
        if (attr.name == "t") type_ = std::string(attr.value);
    }
    void start_element(const orcus::sax::parser_element& elem) {
        if (elem.name == "sheetData") {
            in_sheet_data_ = true;
        } else if (in_sheet_data_ && elem.name == "row") {
            start_row();
        } else if (in_sheet_data_ && elem.name == "c") {
            start_cell();
        } else if (in_cell_) {
            start_inside_cell(elem.name);
        }
        reference_.clear();
        type_.clear();
    }
    void end_element(const orcus::sax::parser_element& elem) {
        if (elem.name == "sheetData") in_sheet_data_ = false;
        if (!in_cell_) return;
        if (elem.name == "c") {
            end_cell();
        } else if (elem.name == "v") {
            in_value_ = false;
        } else if (elem.name == "is") {
            in_inline_ = false;
        } else if (elem.name == "rPh") {
            in_phonetic_ = false;  // a reading aid for Japanese text, not part of the text
        } else if (elem.name == "t") {
            in_text_ = false;
        }
    }
    void characters(std::string_view text, bool) {
        if (in_value_) value_ += text;
        if (in_text_) inline_text_ += text;
    }

private:
    void start_row() {
        std::int64_t row = next_row_;
        if (!reference_.empty()) row = number(reference_) - 1;
        row_ = row;
        next_row_ = row + 1;
        column_ = -1;
    }
    void start_cell() {
        in_cell_ = true;
        has_formula_ = false;
        in_value_ = in_inline_ = in_phonetic_ = in_text_ = false;
        value_.clear();
        inline_text_.clear();
        cell_type_ = type_.empty() ? "n" : type_;
        place_.reset();
        if (reference_.empty()) {
            ++column_;
            if (row_ >= 0 && row_ < max_rows && column_ >= 0 && column_ < max_columns) {
                place_ = CellAddress{static_cast<std::uint32_t>(row_), static_cast<std::uint32_t>(column_)};
            }
        } else {
            place_ = parse_a1(reference_);
            if (place_) column_ = place_->column;
        }
    }
    void start_inside_cell(std::string_view name) {
        if (name == "f") has_formula_ = true;
        if (name == "v") in_value_ = true;
        if (name == "is") in_inline_ = true;
        if (name == "rPh" && in_inline_) in_phonetic_ = true;
        if (name == "t" && in_inline_ && !in_phonetic_) in_text_ = true;
    }
    void end_cell() {
        in_cell_ = false;
        if (!place_) return;
        if (cell_type_ == "inlineStr") {
            found_(*place_, CellValue{CellValue::Type::text, 0, false, std::move(inline_text_)});
        } else if (cell_type_ == "d" && !value_.empty()) {
            found_(*place_, date_value());
        } else if (has_formula_ && !value_.empty()) {
            if (auto cached = cached_value()) found_(*place_, std::move(*cached));
        }
    }
    // A date the reader cannot take as one stays its text: the schema then
    // says what is wrong with it, at its cell.
    CellValue date_value() const {
        if (auto date = rfc3339_utc(value_)) return CellValue{CellValue::Type::date, 0, false, std::move(*date)};
        return CellValue{CellValue::Type::text, 0, false, value_};
    }
    std::optional<CellValue> cached_value() const {
        if (cell_type_ == "b") return CellValue{CellValue::Type::boolean, 0, value_ != "0", {}};
        if (cell_type_ == "str") return CellValue{CellValue::Type::text, 0, false, value_};
        if (cell_type_ == "n") {
            double number = 0;
            const auto [end, error] = std::from_chars(value_.data(), value_.data() + value_.size(), number);
            if (error == std::errc() && end == value_.data() + value_.size()) {
                return CellValue{CellValue::Type::number, number, false, {}};
            }
        }
        return std::nullopt;
    }
    static std::int64_t number(std::string_view text) {
        std::int64_t n = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), n);
        return error == std::errc() && end == text.data() + text.size() ? n : -1;
    }

    const std::function<void(CellAddress, CellValue)>& found_;
    std::string reference_, type_;  // the attributes of the element being started
    bool in_sheet_data_ = false, in_cell_ = false;
    std::int64_t next_row_ = 0, row_ = -1, column_ = -1;
    std::optional<CellAddress> place_;
    std::string cell_type_, value_, inline_text_;
    bool has_formula_ = false, in_value_ = false, in_inline_ = false, in_phonetic_ = false, in_text_ = false;
};

}  // namespace

void find_cached_values(std::string_view sheet_xml,
                        const std::function<void(CellAddress, CellValue)>& found) {
    CachedValues handler(found);
    orcus::sax_parser<CachedValues> parser(sheet_xml.data(), sheet_xml.size(), handler);
    parser.parse();
}

}  // namespace lmacheck::workbook
