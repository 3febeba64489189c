#include "workbook/sheet_reader.hpp"
#include "workbook/xml_check.hpp"

#include "workbook/sheet_parts.hpp"
#include "workbook/xlsx_cached_values.hpp"

#include <orcus/exception.hpp>
#include <orcus/orcus_ods.hpp>
#include <orcus/orcus_xlsx.hpp>
#include <orcus/sax_ns_parser.hpp>
#include <orcus/sax_parser.hpp>
#include <orcus/spreadsheet/import_interface.hpp>
#include <orcus/zip_archive.hpp>
#include <orcus/xml_namespace.hpp>
#include <orcus/zip_archive_stream.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>

namespace lmacheck::workbook {
namespace {

namespace iface = orcus::spreadsheet::iface;
using orcus::spreadsheet::col_t;
using orcus::spreadsheet::row_t;

// Thrown from inside orcus's callbacks to stop reading: orcus lets it pass.
struct StopReading {
    ReadProblem problem;
};

// The workbook's shared strings. They take no cell, so the cell limit alone
// would let a small sharedStrings.xml hold millions of empty strings (each
// costs memory whether or not a cell uses it): a workbook cannot use more of
// them than it may have cells, so that is their limit too.
class SharedStrings final : public iface::import_shared_strings {
public:
    explicit SharedStrings(std::uint64_t limit) : limit_(limit) {}
    std::size_t append(std::string_view s) override {
        make_room();
        strings_.emplace_back(s);
        return strings_.size() - 1;
    }
    std::size_t add(std::string_view s) override { return append(s); }
    void set_segment_font(std::size_t) override {}
    void set_segment_bold(bool) override {}
    void set_segment_italic(bool) override {}
    void set_segment_font_name(std::string_view) override {}
    void set_segment_font_size(double) override {}
    void set_segment_font_color(orcus::spreadsheet::color_elem_t, orcus::spreadsheet::color_elem_t,
                                orcus::spreadsheet::color_elem_t, orcus::spreadsheet::color_elem_t) override {}
    void append_segment(std::string_view s) override { segments_ += s; }
    std::size_t commit_segments() override {
        make_room();
        strings_.push_back(std::move(segments_));
        segments_.clear();
        return strings_.size() - 1;
    }
    const std::string* at(std::size_t index) const { return index < strings_.size() ? &strings_[index] : nullptr; }
    std::size_t size() const { return strings_.size(); }

private:
    void make_room() const {
        if (strings_.size() >= limit_) throw StopReading{{"workbook-too-many-strings", "", limit_}};
    }

    std::uint64_t limit_;
    std::vector<std::string> strings_;
    std::string segments_;
};

// Cell references in the parts orcus reads ("E5"): orcus asks us to resolve them.
class AddressResolver final : public iface::import_reference_resolver {
public:
    orcus::spreadsheet::src_address_t resolve_address(std::string_view address) override {
        const auto cell = parse_a1(address);
        if (!cell) throw StopReading{{"workbook-bad-address", std::string(address.substr(0, 40))}};
        return {0, static_cast<row_t>(cell->row), static_cast<col_t>(cell->column)};
    }
    orcus::spreadsheet::src_range_t resolve_range(std::string_view range) override {
        const auto colon = range.find(':');
        orcus::spreadsheet::src_range_t result{};
        result.first = resolve_address(range.substr(0, colon));
        result.last = colon == std::string_view::npos ? result.first : resolve_address(range.substr(colon + 1));
        return result;
    }
};

// Counts the cells and the text placed in them. Every cell that refers to a
// shared string gets its own copy, so a 1 MiB string in 250,000 cells passes
// the zip's size and the cell limit yet would need 250 GB: the text of all
// cells together is held to the same limit as the unpacked parts.
class CellCounter {
public:
    CellCounter(std::uint64_t limit, std::uint64_t max_text_bytes) : limit_(limit), max_text_bytes_(max_text_bytes) {}
    void count(std::size_t text_bytes) {
        if (++cells_ > limit_) throw StopReading{{"workbook-too-many-cells", "", limit_}};
        count_text(text_bytes);
    }
    void count_text(std::size_t text_bytes) {
        text_bytes_ += text_bytes;
        if (text_bytes_ > max_text_bytes_) throw StopReading{{"workbook-expands-too-far", "", max_text_bytes_}};
    }

private:
    std::uint64_t limit_;
    std::uint64_t max_text_bytes_;
    std::uint64_t cells_ = 0;
    std::uint64_t text_bytes_ = 0;
};

// A date cell of an ODS file (orcus gives its parts) as an RFC 3339 date-time in UTC.
std::string rfc3339_utc(int year, int month, int day, int hour, int minute, double second) {
    const int whole = static_cast<int>(std::floor(second));
    char text[40];
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02dZ", year, month, day, hour, minute, whole);
    return text;
}

bool refers_to_other_file(std::string_view formula) {
    // xlsx writes another workbook as an index in brackets ("[1]Sheet!A1"),
    // ODS as a URL ('file:///...'#$Sheet.A1).
    for (std::size_t i = 0; i + 2 < formula.size(); ++i) {
        if (formula[i] == '[' && formula[i + 1] >= '0' && formula[i + 1] <= '9') return true;
    }
    return formula.find("file:") != std::string_view::npos || formula.find("http:") != std::string_view::npos ||
           formula.find("https:") != std::string_view::npos || formula.find("'#$") != std::string_view::npos;
}

class SheetSink;

class FormulaSink final : public iface::import_formula {
public:
    explicit FormulaSink(SheetSink& sheet) : sheet_(sheet) {}
    void set_position(row_t row, col_t col) override {
        cell_ = {static_cast<std::uint32_t>(row), static_cast<std::uint32_t>(col)};
        value_.reset();
        external_ = false;
    }
    void set_formula(orcus::spreadsheet::formula_grammar_t, std::string_view formula) override {
        external_ = refers_to_other_file(formula);
    }
    void set_shared_formula_index(std::size_t) override {}
    void set_result_string(std::string_view value) override {
        // An empty text is no value (what `=NA()` with an empty cache, the
        // converter's null, reads as).
        if (value.empty()) {
            value_.reset();
        } else {
            value_ = CellValue{CellValue::Type::text, 0, false, std::string(value)};
        }
    }
    void set_result_value(double value) override { value_ = CellValue{CellValue::Type::number, value, false, {}}; }
    void set_result_bool(bool value) override { value_ = CellValue{CellValue::Type::boolean, 0, value, {}}; }
    void set_result_empty() override { value_.reset(); }
    void commit() override;

private:
    SheetSink& sheet_;
    CellAddress cell_;
    std::optional<CellValue> value_;
    bool external_ = false;
};

class SheetSink final : public iface::import_sheet {
public:
    SheetSink(Sheet& sheet, const SharedStrings& strings, CellCounter& counter)
        : sheet_(sheet), strings_(strings), counter_(counter), formula_(*this) {}

    iface::import_formula* get_formula() override { return &formula_; }
    void set_auto(row_t row, col_t col, std::string_view s) override {
        put(row, col, CellValue{CellValue::Type::text, 0, false, std::string(s)});
    }
    void set_string(row_t row, col_t col, orcus::spreadsheet::string_id_t index) override {
        const std::string* text = strings_.at(index);
        if (text == nullptr) {
            throw StopReading{{"workbook-bad-string",
                               sheet_.name + "!" + a1({static_cast<std::uint32_t>(row), static_cast<std::uint32_t>(col)}),
                               strings_.size()}};
        }
        put(row, col, CellValue{CellValue::Type::text, 0, false, *text});
    }
    void set_value(row_t row, col_t col, double value) override {
        put(row, col, CellValue{CellValue::Type::number, value, false, {}});
    }
    void set_bool(row_t row, col_t col, bool value) override {
        put(row, col, CellValue{CellValue::Type::boolean, 0, value, {}});
    }
    void set_date_time(row_t row, col_t col, int year, int month, int day, int hour, int minute,
                       double second) override {
        put(row, col, CellValue{CellValue::Type::date, 0, false, rfc3339_utc(year, month, day, hour, minute, second)});
    }
    void set_format(row_t, col_t, std::size_t) override {}
    void set_format(row_t, col_t, row_t, col_t, std::size_t) override {}
    void fill_down_cells(row_t, col_t, row_t) override {}
    orcus::spreadsheet::range_size_t get_sheet_size() const override {
        return {static_cast<row_t>(max_rows), static_cast<col_t>(max_columns)};
    }

    void put(row_t row, col_t col, CellValue value) {
        if (row < 0 || col < 0 || static_cast<std::uint64_t>(row) >= max_rows ||
            static_cast<std::uint64_t>(col) >= max_columns) {
            throw StopReading{{"workbook-bad-address", sheet_.name}};
        }
        counter_.count(value.text.size());
        sheet_.cells[{static_cast<std::uint32_t>(row), static_cast<std::uint32_t>(col)}] = std::move(value);
    }
    void put(CellAddress cell, CellValue value) {
        put(static_cast<row_t>(cell.row), static_cast<col_t>(cell.column), std::move(value));
    }
    // A boolean liborcus dropped (an .ods boolean) or read as another value
    // (TRUE() as the number 1): a cell liborcus read was counted then.
    void set_boolean(CellAddress cell, bool value) {
        const auto found = sheet_.cells.find(cell);
        if (found == sheet_.cells.end()) {
            put(cell, CellValue{CellValue::Type::boolean, 0, value, {}});
        } else {
            found->second = CellValue{CellValue::Type::boolean, 0, value, {}};
        }
    }
    // A value liborcus dropped (xlsx_cached_values.hpp): it fills a cell
    // liborcus left out or read as a formula without a value, and changes
    // nothing liborcus read (a formula that refers to another file stays so).
    void recover(CellAddress cell, CellValue value) {
        const auto found = sheet_.cells.find(cell);
        if (found == sheet_.cells.end()) {
            put(cell, std::move(value));
        } else if (found->second.type == CellValue::Type::formula_without_value) {
            counter_.count_text(value.text.size());
            found->second = std::move(value);
        }
    }

private:
    Sheet& sheet_;
    const SharedStrings& strings_;
    CellCounter& counter_;
    FormulaSink formula_;
};

void FormulaSink::commit() {
    if (external_) {
        sheet_.put(cell_, CellValue{CellValue::Type::external_reference, 0, false, {}});
    } else if (value_) {
        sheet_.put(cell_, std::move(*value_));
    } else {
        sheet_.put(cell_, CellValue{CellValue::Type::formula_without_value, 0, false, {}});
    }
    value_.reset();
}

// Cell formats, fonts and the like mean nothing to a submission, but liborcus
// 0.17 needs somewhere to put them: its .ods reader hands a number style
// (LibreOffice saves one in every file) to the styles without checking that
// there are any, and crashed on a null pointer. The .xlsx reader gets them
// too: with styles is the path liborcus's main user (LibreOffice) takes, the
// one most tried. These styles keep nothing, so a file full of them costs
// no memory.
class IgnoredStyles final : public iface::import_styles {
    using Color = orcus::spreadsheet::color_elem_t;

public:
    void set_font_count(std::size_t) override {}
    void set_font_bold(bool) override {}
    void set_font_italic(bool) override {}
    void set_font_name(std::string_view) override {}
    void set_font_size(double) override {}
    void set_font_underline(orcus::spreadsheet::underline_t) override {}
    void set_font_underline_width(orcus::spreadsheet::underline_width_t) override {}
    void set_font_underline_mode(orcus::spreadsheet::underline_mode_t) override {}
    void set_font_underline_type(orcus::spreadsheet::underline_type_t) override {}
    void set_font_underline_color(Color, Color, Color, Color) override {}
    void set_font_color(Color, Color, Color, Color) override {}
    void set_strikethrough_style(orcus::spreadsheet::strikethrough_style_t) override {}
    void set_strikethrough_type(orcus::spreadsheet::strikethrough_type_t) override {}
    void set_strikethrough_width(orcus::spreadsheet::strikethrough_width_t) override {}
    void set_strikethrough_text(orcus::spreadsheet::strikethrough_text_t) override {}
    std::size_t commit_font() override { return 0; }
    void set_fill_count(std::size_t) override {}
    void set_fill_pattern_type(orcus::spreadsheet::fill_pattern_t) override {}
    void set_fill_fg_color(Color, Color, Color, Color) override {}
    void set_fill_bg_color(Color, Color, Color, Color) override {}
    std::size_t commit_fill() override { return 0; }
    void set_border_count(std::size_t) override {}
    void set_border_style(orcus::spreadsheet::border_direction_t, orcus::spreadsheet::border_style_t) override {}
    void set_border_color(orcus::spreadsheet::border_direction_t, Color, Color, Color, Color) override {}
    void set_border_width(orcus::spreadsheet::border_direction_t, double, orcus::length_unit_t) override {}
    std::size_t commit_border() override { return 0; }
    void set_cell_hidden(bool) override {}
    void set_cell_locked(bool) override {}
    void set_cell_print_content(bool) override {}
    void set_cell_formula_hidden(bool) override {}
    std::size_t commit_cell_protection() override { return 0; }
    void set_number_format_count(std::size_t) override {}
    void set_number_format_identifier(std::size_t) override {}
    void set_number_format_code(std::string_view) override {}
    std::size_t commit_number_format() override { return 0; }
    void set_cell_xf_count(std::size_t) override {}
    void set_cell_style_xf_count(std::size_t) override {}
    void set_dxf_count(std::size_t) override {}
    void set_xf_font(std::size_t) override {}
    void set_xf_fill(std::size_t) override {}
    void set_xf_border(std::size_t) override {}
    void set_xf_protection(std::size_t) override {}
    void set_xf_number_format(std::size_t) override {}
    void set_xf_style_xf(std::size_t) override {}
    void set_xf_apply_alignment(bool) override {}
    void set_xf_horizontal_alignment(orcus::spreadsheet::hor_alignment_t) override {}
    void set_xf_vertical_alignment(orcus::spreadsheet::ver_alignment_t) override {}
    std::size_t commit_cell_xf() override { return 0; }
    std::size_t commit_cell_style_xf() override { return 0; }
    std::size_t commit_dxf() override { return 0; }
    void set_cell_style_count(std::size_t) override {}
    void set_cell_style_name(std::string_view) override {}
    void set_cell_style_xf(std::size_t) override {}
    void set_cell_style_builtin(std::size_t) override {}
    void set_cell_style_parent_name(std::string_view) override {}
    std::size_t commit_cell_style() override { return 0; }
};

class Factory final : public iface::import_factory {
public:
    Factory(std::uint64_t max_cells, std::uint64_t max_text_bytes)
        : strings_(max_cells), counter_(max_cells, max_text_bytes) {}

    iface::import_shared_strings* get_shared_strings() override { return &strings_; }
    iface::import_styles* get_styles() override { return &styles_; }
    iface::import_reference_resolver* get_reference_resolver(orcus::spreadsheet::formula_ref_context_t) override {
        return &resolver_;
    }
    iface::import_sheet* append_sheet(orcus::spreadsheet::sheet_t, std::string_view name) override {
        constexpr std::size_t max_sheets = 256;
        if (sheets_.size() >= max_sheets) throw StopReading{{"workbook-too-many-sheets", "", max_sheets}};
        sheets_.push_back(Sheet{std::string(name), {}});
        sinks_.emplace_back(sheets_.back(), strings_, counter_);
        return &sinks_.back();
    }
    iface::import_sheet* get_sheet(std::string_view name) override { return sink(name); }
    SheetSink* sink(std::string_view name) {
        for (std::size_t i = 0; i < sheets_.size(); ++i) {
            if (sheets_[i].name == name) return &sinks_[i];
        }
        return nullptr;
    }
    iface::import_sheet* get_sheet(orcus::spreadsheet::sheet_t index) override {
        if (index < 0 || static_cast<std::size_t>(index) >= sinks_.size()) return nullptr;
        return &sinks_[static_cast<std::size_t>(index)];
    }
    void finalize() override {}

    Workbook take() {
        Workbook workbook;
        for (Sheet& sheet : sheets_) workbook.sheets.push_back(std::move(sheet));
        return workbook;
    }

private:
    SharedStrings strings_;
    IgnoredStyles styles_;
    AddressResolver resolver_;
    CellCounter counter_;
    std::deque<Sheet> sheets_;  // a deque: the sinks keep references into it
    std::deque<SheetSink> sinks_;
};

// liborcus 0.17 drops the boolean cells of an ODS file (office:value-type
// "boolean"), and the contract's flags are booleans. LibreOffice saves a
// boolean it read from an .xlsx file as the formula TRUE() or FALSE() with
// a float value: that formula is a boolean constant, read as one. This walk
// over content.xml finds them, with their row and column as OpenDocument counts
// them (repeated rows and cells), and gives them to the same sheets.
class OdsBooleans : public orcus::sax_handler {
public:
    explicit OdsBooleans(Factory& factory) : factory_(factory) {}

    void attribute(const orcus::sax::parser_attribute& attr) {
        if (attr.ns == "table" && attr.name == "name") name_ = std::string(attr.value);
        if (attr.ns == "table" && attr.name == "number-rows-repeated") rows_repeated_ = number(attr.value, max_rows);
        if (attr.ns == "table" && attr.name == "number-columns-repeated") {
            columns_repeated_ = number(attr.value, max_columns);
        }
        if (attr.ns == "office" && attr.name == "value-type") boolean_ = attr.value == "boolean";
        if (attr.ns == "office" && attr.name == "boolean-value") value_ = attr.value == "true";
        if (attr.ns == "table" && attr.name == "formula") constant_ = boolean_constant(attr.value);
    }
    void start_element(const orcus::sax::parser_element& elem) {
        if (elem.ns == "table" && elem.name == "table") {
            sheet_ = factory_.sink(name_);
            row_ = 0;
        } else if (elem.ns == "table" && elem.name == "table-row") {
            column_ = 0;
            row_span_ = rows_repeated_;
        } else if (elem.ns == "table" && (elem.name == "table-cell" || elem.name == "covered-table-cell")) {
            if (constant_) {
                boolean_ = true;
                value_ = *constant_;
            }
            if (boolean_ && sheet_ != nullptr) put_booleans();
            column_ += columns_repeated_;
        }
        reset_attributes();
    }
    void end_element(const orcus::sax::parser_element& elem) {
        if (elem.ns == "table" && elem.name == "table-row") row_ += row_span_;
        if (elem.ns == "table" && elem.name == "table") sheet_ = nullptr;
    }

private:
    static std::uint64_t number(std::string_view text, std::uint64_t cap) {
        std::uint64_t n = 0;
        for (char c : text) {
            if (c < '0' || c > '9') return 1;
            n = std::min<std::uint64_t>(n * 10 + static_cast<std::uint64_t>(c - '0'), cap);
        }
        return n == 0 ? 1 : n;
    }
    void put_booleans() {
        // Every repeated copy inside the sheet is a cell; the cell limit stops
        // a bomb of repeats. Copies outside the sheet are not walked one by
        // one: 10^6 rows x 10^6 columns of them would be a hang.
        if (row_ >= max_rows || column_ >= max_columns) return;
        const std::uint64_t rows = std::min<std::uint64_t>(row_span_, max_rows - row_);
        const std::uint64_t columns = std::min<std::uint64_t>(columns_repeated_, max_columns - column_);
        for (std::uint64_t r = 0; r < rows; ++r) {
            for (std::uint64_t c = 0; c < columns; ++c) {
                sheet_->set_boolean({static_cast<std::uint32_t>(row_ + r), static_cast<std::uint32_t>(column_ + c)},
                                    value_);
            }
        }
    }
    // "of:=TRUE()" (OpenFormula; any namespace prefix, letter case and
    // spaces) is true, "of:=FALSE()" false; any other formula is none.
    static std::optional<bool> boolean_constant(std::string_view formula) {
        std::string text;
        for (char c : formula.substr(formula.find(':') == std::string_view::npos ? 0 : formula.find(':') + 1)) {
            if (c != ' ') text += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
        }
        if (text == "=TRUE()") return true;
        if (text == "=FALSE()") return false;
        return std::nullopt;
    }
    void reset_attributes() {
        rows_repeated_ = 1;
        columns_repeated_ = 1;
        boolean_ = false;
        value_ = false;
        constant_.reset();
    }

    Factory& factory_;
    SheetSink* sheet_ = nullptr;
    std::string name_;  // the attribute's text may not outlive the attribute
    std::uint64_t row_ = 0, column_ = 0, row_span_ = 1;
    std::uint64_t rows_repeated_ = 1, columns_repeated_ = 1;
    bool boolean_ = false, value_ = false;
    std::optional<bool> constant_;
};

void read_ods_booleans(std::string_view bytes, Factory& factory) {
    orcus::zip_archive_stream_blob stream(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    orcus::zip_archive archive(&stream);
    archive.load();
    std::vector<unsigned char> content;
    if (!archive.read_file_entry("content.xml", content)) return;
    OdsBooleans handler(factory);
    orcus::sax_parser<OdsBooleans> parser(reinterpret_cast<const char*>(content.data()), content.size(), handler);
    parser.parse();
}

// Gives the sheets the .xlsx values liborcus 0.17 drops (inline strings, a
// formula's cached boolean), read from each sheet's part.
void read_xlsx_cached_values(std::string_view bytes, const std::vector<SheetEntry>& sheets, Factory& factory) {
    orcus::zip_archive_stream_blob stream(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    orcus::zip_archive archive(&stream);
    archive.load();
    std::vector<unsigned char> part;
    for (const SheetEntry& entry : sheets) {
        SheetSink* sink = factory.sink(entry.name);
        if (sink == nullptr || entry.part.empty() || !archive.read_file_entry(entry.part, part)) continue;
        find_cached_values({reinterpret_cast<const char*>(part.data()), part.size()},
                           [sink](CellAddress cell, CellValue value) { sink->recover(cell, std::move(value)); });
    }
}

// liborcus 0.17 takes a column or row style's properties to belong to a
// style of that family: `<style:table-row-properties>` in a style whose
// style:family is anything but "table-row" made it crash (SIGSEGV, or its
// assertion aborting the process). This walk over the parts it reads styles
// from (namespaces resolved as liborcus resolves them) finds such a style
// first.
class OdsStyleFamilies : public orcus::sax_ns_handler {
public:
    void attribute(std::string_view, std::string_view) {}
    void attribute(const orcus::sax_ns_parser_attribute& attr) {
        if (is_style(attr.ns) && attr.name == "family") family_attribute_ = std::string(attr.value);
    }
    void start_element(const orcus::sax_ns_parser_element& elem) {
        if (is_style(elem.ns) && elem.name == "style") {
            family_ = family_attribute_;
        } else if (is_style(elem.ns) && elem.name == "table-column-properties") {
            expect_family("table-column", elem.name);
        } else if (is_style(elem.ns) && elem.name == "table-row-properties") {
            expect_family("table-row", elem.name);
        }
        family_attribute_.clear();
    }
    void end_element(const orcus::sax_ns_parser_element& elem) {
        if (is_style(elem.ns) && elem.name == "style") family_.clear();
    }
    const std::optional<std::string>& problem() const { return problem_; }

private:
    static bool is_style(orcus::xmlns_id_t ns) {
        return ns != nullptr && std::string_view(ns) == "urn:oasis:names:tc:opendocument:xmlns:style:1.0";
    }
    void expect_family(std::string_view family, std::string_view element) {
        if (family_ != family && !problem_) {
            problem_ = std::string(element) + " in a style of family \"" + family_.substr(0, 40) + "\"";
        }
    }

    std::string family_attribute_, family_;
    std::optional<std::string> problem_;
};

std::optional<ReadProblem> ods_style_problem(std::string_view bytes) {
    orcus::zip_archive_stream_blob stream(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    orcus::zip_archive archive(&stream);
    archive.load();
    for (const char* part_name : {"styles.xml", "content.xml"}) {
        std::vector<unsigned char> part;
        if (!archive.read_file_entry(part_name, part)) continue;
        orcus::xmlns_repository repository;
        orcus::xmlns_context context = repository.create_context();
        OdsStyleFamilies handler;
        orcus::sax_ns_parser<OdsStyleFamilies> parser(reinterpret_cast<const char*>(part.data()), part.size(), context,
                                                      handler);
        parser.parse();
        if (handler.problem()) return ReadProblem{"workbook-broken", std::string(part_name) + ": " + *handler.problem()};
    }
    return std::nullopt;
}

// An encrypted ODS file is a plain zip whose parts are encrypted: only its
// manifest says so.
bool ods_is_encrypted(std::string_view bytes) {
    orcus::zip_archive_stream_blob stream(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    orcus::zip_archive archive(&stream);
    archive.load();
    std::vector<unsigned char> manifest;
    if (!archive.read_file_entry("META-INF/manifest.xml", manifest)) return false;
    const std::string_view text(reinterpret_cast<const char*>(manifest.data()), manifest.size());
    return text.find("encryption-data") != std::string_view::npos;
}

std::string short_reason(const char* what) {
    std::string reason(what == nullptr ? "" : what);
    constexpr std::size_t max_length = 160;
    if (reason.size() > max_length) reason = reason.substr(0, max_length) + "...";
    for (char& c : reason) {
        if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7F) c = '?';
    }
    return reason;
}

}  // namespace

std::variant<Workbook, ReadProblem> read_workbook_cells(std::string_view bytes, const ReadLimits& limits) {
    const auto container = check_container(bytes, limits.container);
    if (const auto* problem = std::get_if<ContainerProblem>(&container)) {
        return ReadProblem{problem->message_id, problem->detail, problem->number};
    }
    const WorkbookFormat format = std::get<ContainerInfo>(container).format;
    // liborcus 0.17 is not safe on two threads at once: run with --jobs 2,
    // orcus_xlsx::read_workbook crashed now and then (SIGSEGV inside the
    // library). A workbook takes milliseconds, so readers take turns; the
    // rest of the file's judgement stays parallel.
    static std::mutex orcus_in_use;
    const std::lock_guard<std::mutex> turn(orcus_in_use);
    try {
        if (format == WorkbookFormat::ods && ods_is_encrypted(bytes)) return ReadProblem{"workbook-encrypted"};
        if (auto damaged = check_parts(bytes, std::get<ContainerInfo>(container))) {
            return ReadProblem{damaged->message_id, damaged->place};
        }
        const std::vector<SheetEntry> sheets = list_sheets(bytes, format);
        if (auto shared = shared_part_problem(sheets)) return *shared;  // before liborcus reads it twice
        if (format == WorkbookFormat::ods) {
            if (auto styles = ods_style_problem(bytes)) {
                styles->detail = short_reason(styles->detail.c_str());  // the family is the file's text
                return *styles;
            }
        }
        Factory factory(limits.max_cells, limits.container.max_expanded_bytes);
        if (format == WorkbookFormat::xlsx) {
            orcus::orcus_xlsx reader(&factory);
            reader.read_stream(bytes);
            read_xlsx_cached_values(bytes, sheets, factory);
        } else {
            orcus::orcus_ods reader(&factory);
            reader.read_stream(bytes);
            read_ods_booleans(bytes, factory);
        }
        Workbook workbook = factory.take();
        mark_hidden_sheets(workbook, sheets);
        return workbook;
    } catch (const StopReading& stop) {
        return stop.problem;
    } catch (const orcus::zip_error&) {
        return ReadProblem{"workbook-truncated"};
    } catch (const std::bad_alloc&) {
        throw;  // the run's own failure, not the file's
    } catch (const std::exception& e) {
        return ReadProblem{"workbook-broken", short_reason(e.what())};
    }
}

}  // namespace lmacheck::workbook
