#include "workbook/xlsx_cached_values.hpp"

#include <orcus/sax_parser.hpp>

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>

namespace lmacheck::workbook {
namespace {

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
        } else if (has_formula_ && !value_.empty()) {
            if (auto cached = cached_value()) found_(*place_, std::move(*cached));
        }
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
