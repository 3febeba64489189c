// The workbook review's defects (issue 11): a repeated field's cell, one
// finding per unknown or missing column at row 1, hidden sheets, sheets
// that share one part, the shared strings' limit.
#include "zip_builder.hpp"

#include "engine/workbook_columns.hpp"
#include "support/file_bytes.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"
#include "workbook/sheet_reader.hpp"
#include "workbook/submission_file.hpp"
#include "workbook/workbook_document.hpp"
#include "workbook/workbook_writer.hpp"

#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <chrono>
#include <string>

namespace lmacheck {
namespace {

using workbook::CellValue;

CellValue text(const std::string& s) { return CellValue{CellValue::Type::text, 0, false, s}; }
CellValue number(double n) { return CellValue{CellValue::Type::number, n, false, {}}; }

nlohmann::json sample(const std::string& name) {
    return nlohmann::json::parse(test::read_bytes(std::string(LMACHECK_SOURCE_DIR) + "/samples/valid/" + name));
}

nlohmann::json institution_schema() {
    return nlohmann::json::parse(
        test::read_bytes(std::string(LMACHECK_SOURCE_DIR) + "/schemas/institution-1.0.schema.json"));
}

nlohmann::json validate_findings(const std::string& file) {
    const auto run = test::run_process({LMACHECK_EXE, "validate", "--format", "json", file},
                                       {.timeout = std::chrono::seconds(120)});
    return nlohmann::json::parse(run.out).at("submissions").at(0).at("findings");
}

// A repeated field keeps its last value, as JSON keeps a repeated key's
// last value; the value's cell is that row's (it stayed at the first row,
// so a finding on the value pointed at a cell holding another). One finding
// per repeated field, at its first repetition, as for JSON.
TEST(WorkbookDocument, RepeatedFieldPointsAtTheCellOfTheValueKept) {
    workbook::Workbook book;
    book.sheets.push_back(workbook::Sheet{"submission", {}});
    auto& cells = book.sheets.back().cells;
    cells[{0, 0}] = text("field");
    cells[{0, 1}] = text("value");
    cells[{1, 0}] = text("kind");
    cells[{1, 1}] = text("first");
    cells[{2, 0}] = text("reporting_year");
    cells[{2, 1}] = text("12,5");
    cells[{3, 0}] = text("reporting_year");
    cells[{3, 1}] = text("twenty");
    cells[{4, 0}] = text("kind");
    cells[{4, 1}] = text("second");
    cells[{5, 0}] = text("kind");
    cells[{5, 1}] = text("third");
    cells[{6, 0}] = text("kind");  // empty: no value, and not a repetition
    const auto mapped = workbook::map_workbook(book);
    EXPECT_EQ(mapped.json["kind"], "third");
    EXPECT_EQ(mapped.positions->find("/kind")->cell, "submission!B6");
    EXPECT_EQ(mapped.json["reporting_year"], "twenty");
    EXPECT_EQ(mapped.positions->find("/reporting_year")->cell, "submission!B4");
    ASSERT_EQ(mapped.findings.size(), 2u);
    EXPECT_EQ(mapped.findings[0].rule, "document.duplicate-key");
    EXPECT_EQ(mapped.findings[0].position->cell, "submission!A4");
    EXPECT_EQ(mapped.findings[1].position->cell, "submission!A5");

    // The note on the first value ("12,5" looks like a number) is not the
    // kept value's: the schema's finding on "twenty" is no text-number hint.
    Document doc;
    doc.json = mapped.json;
    doc.positions = mapped.positions;
    std::vector<RawFinding> findings{RawFinding{"schema.structure", "/reporting_year", "invalid-value", {},
                                                std::nullopt, std::nullopt, std::nullopt}};
    workbook::explain_cell_values(doc, findings);
    EXPECT_EQ(findings[0].message_id, "invalid-value");
}

TEST(WorkbookDocument, RepeatedFinancingStreamPointsAtTheLastRow) {
    workbook::Workbook book;
    book.sheets.push_back(workbook::Sheet{"capacity_totals", {}});
    auto& cells = book.sheets.back().cells;
    cells[{0, 0}] = text("financing");
    cells[{0, 1}] = text("beds_year_end");
    cells[{0, 2}] = text("bed_days");
    cells[{1, 0}] = text("wlz");
    cells[{1, 1}] = number(1);
    cells[{1, 2}] = number(2);
    cells[{2, 0}] = text("wlz");
    cells[{2, 1}] = number(3);
    cells[{2, 2}] = number(4);
    const auto mapped = workbook::map_workbook(book);
    EXPECT_EQ(mapped.json["capacity_totals"]["wlz"]["bed_days"], 4);
    EXPECT_EQ(mapped.positions->find("/capacity_totals/wlz/bed_days")->cell, "capacity_totals!C3");
    EXPECT_EQ(mapped.positions->find("/capacity_totals/wlz")->cell, "capacity_totals!A3");
    ASSERT_EQ(mapped.findings.size(), 1u);
    EXPECT_EQ(mapped.findings[0].position->cell, "capacity_totals!A3");
}

// An unknown column filled on every row was one unknown-key finding per
// record, at the data cells. It is one finding, at the header cell, with
// the path of its first value (the path JSON gives that key).
TEST(WorkbookColumns, UnknownColumnIsOneFindingAtItsHeaderCell) {
    test::TempDir dir;
    nlohmann::json doc = sample("institution-2019.json");
    ASSERT_GE(doc["capacity"].size(), 3u);
    for (auto& record : doc["capacity"]) record["opmerking"] = "zie toelichting";
    workbook::write_workbook(doc, dir / "a.xlsx");
    const auto findings = validate_findings((dir / "a.xlsx").string());
    ASSERT_EQ(findings.size(), 1u) << findings.dump(1);
    EXPECT_EQ(findings[0]["rule"], "schema.structure");
    EXPECT_EQ(findings[0]["path"], "/capacity/0/opmerking");
    EXPECT_EQ(findings[0]["cell"], "capacity!G1");
}

// A submission as an .xlsx written cell by cell, with every record sheet's
// header the union of its records' keys (the program's own writer always
// writes the contract's columns, so it cannot leave one out).
class RawWorkbook {
public:
    explicit RawWorkbook(const nlohmann::json& doc) {
        std::vector<std::vector<nlohmann::json>> envelope{{"field", "value"}};
        for (const auto& [key, value] : doc.items()) {
            if (key == "submitter") {
                fields(envelope, key + ".", value);
            } else if (!value.is_structured()) {
                envelope.push_back({key, value});
            }
        }
        sheets_.push_back({"submission", xml(envelope)});
        for (const auto& [key, value] : doc.items()) {
            if (key == "submitter" || !value.is_structured()) continue;
            std::vector<std::vector<nlohmann::json>> rows;
            if (workbook::is_record_sheet(key)) {
                rows = records(key, value);
            } else {
                rows.push_back({"field", "value"});
                fields(rows, "", value);
            }
            sheets_.push_back({key, xml(rows)});
        }
    }
    std::string bytes() const { return test::build_zip(test::xlsx_book(sheets_, strings_)); }

private:
    static void fields(std::vector<std::vector<nlohmann::json>>& rows, const std::string& prefix,
                       const nlohmann::json& object) {
        for (const auto& [key, value] : object.items()) {
            if (value.is_object()) {
                fields(rows, prefix + key + ".", value);
            } else {
                rows.push_back({prefix + key, value});
            }
        }
    }
    static std::vector<std::vector<nlohmann::json>> records(const std::string& sheet, const nlohmann::json& value) {
        const bool totals = sheet == "capacity_totals";
        std::vector<std::string> header;
        if (totals) header.push_back("financing");
        for (const auto& [key, record] : value.items()) {
            for (const auto& [field, unused] : record.items()) {
                if (std::find(header.begin(), header.end(), field) == header.end()) header.push_back(field);
            }
        }
        std::vector<std::vector<nlohmann::json>> rows{{header.begin(), header.end()}};
        for (const auto& [key, record] : value.items()) {
            std::vector<nlohmann::json> row;
            for (const std::string& field : header) {
                row.push_back(totals && field == "financing" ? nlohmann::json(key) : record.value(field, nlohmann::json()));
            }
            rows.push_back(std::move(row));
        }
        return rows;
    }
    std::string xml(const std::vector<std::vector<nlohmann::json>>& rows) {
        std::string out;
        for (std::uint32_t r = 0; r < rows.size(); ++r) {
            out += "<row r=\"" + std::to_string(r + 1) + "\">";
            for (std::uint32_t c = 0; c < rows[r].size(); ++c) {
                const nlohmann::json& v = rows[r][c];
                const std::string at = " r=\"" + workbook::a1({r, c}) + "\"";
                if (v.is_string()) {
                    strings_.push_back(v.get<std::string>());
                    out += "<c" + at + " t=\"s\"><v>" + std::to_string(strings_.size() - 1) + "</v></c>";
                } else if (v.is_boolean()) {
                    out += "<c" + at + " t=\"b\"><v>" + (v.get<bool>() ? "1" : "0") + "</v></c>";
                } else if (v.is_number()) {
                    out += "<c" + at + "><v>" + v.dump() + "</v></c>";
                }
            }
            out += "</row>";
        }
        return out;
    }

    std::vector<test::XlsxSheet> sheets_;
    std::vector<std::string> strings_;
};

// A required field no column holds was one missing-key finding per record,
// each at its row. It is one finding, at row 1 where the column belongs:
// the first free cell right of the headers.
TEST(WorkbookColumns, MissingColumnIsOneFindingAtTheHeaderRow) {
    test::TempDir dir;
    nlohmann::json doc = sample("institution-2019.json");
    test::write_bytes(dir / "whole.xlsx", RawWorkbook(doc).bytes());
    EXPECT_EQ(validate_findings((dir / "whole.xlsx").string()).size(), 0u);  // the test's own writer is sound
    ASSERT_GE(doc["capacity"].size(), 3u);
    for (auto& record : doc["capacity"]) record.erase("clients");
    test::write_bytes(dir / "a.xlsx", RawWorkbook(doc).bytes());
    const auto findings = validate_findings((dir / "a.xlsx").string());
    ASSERT_EQ(findings.size(), 1u) << findings.dump(1);
    EXPECT_EQ(findings[0]["rule"], "schema.structure");
    EXPECT_EQ(findings[0]["path"], "/capacity/0");
    EXPECT_EQ(findings[0]["message"], "missing required key `clients`");
    EXPECT_EQ(findings[0]["cell"], "capacity!F1");  // location_id ... places are A to E
}

// An empty required column is no missing column: each record lacks its
// value, reported at the record's row, as for the JSON form.
TEST(WorkbookColumns, EmptyRequiredColumnIsReportedPerRecord) {
    test::TempDir dir;
    nlohmann::json doc = sample("institution-2019.json");
    for (auto& record : doc["capacity"]) record.erase("clients");
    workbook::write_workbook(doc, dir / "a.xlsx");  // writes every contract column, `clients` empty
    const auto findings = validate_findings((dir / "a.xlsx").string());
    ASSERT_EQ(findings.size(), doc["capacity"].size()) << findings.dump(1);
    EXPECT_EQ(findings[1]["path"], "/capacity/1");
    EXPECT_EQ(findings[1]["cell"], "capacity!A3");
}

Document as_document(workbook::Mapped mapped) {
    Document doc;
    doc.json = std::move(mapped.json);
    doc.positions = std::move(mapped.positions);
    return doc;
}

// A header the schema does not know over an empty column: nothing of it
// reaches the document, yet the user wrote a column the contract does not
// have (a misspelt one, say). One finding at its header.
TEST(WorkbookColumns, EmptyUnknownColumnIsReportedAtItsHeader) {
    test::TempDir dir;
    workbook::write_workbook(sample("institution-2019.json"), dir / "a.xlsx");
    auto book = std::get<workbook::Workbook>(workbook::read_workbook(test::read_bytes(dir / "a.xlsx"), {}));
    for (auto& sheet : book.sheets) {
        if (sheet.name == "capacity") sheet.cells[{0, 7}] = text("bed_dayz");
    }
    const Document doc = as_document(workbook::map_workbook(book));
    const ColumnFindings columns = check_workbook_columns(doc, institution_schema());
    ASSERT_EQ(columns.findings.size(), 1u);
    EXPECT_EQ(columns.findings[0].message_id, "workbook-unknown-column");
    EXPECT_EQ(columns.findings[0].path, "/capacity");
    EXPECT_EQ(columns.findings[0].position->cell, "capacity!H1");
    EXPECT_EQ(columns.findings[0].args[0].second, "bed_dayz");
    EXPECT_EQ(columns.findings[0].expected, "bed_days");  // the suggestion
}

// The contract: hidden sheets are ignored. A hidden sheet of any name is
// not read (no unknown-key finding for a hidden helper sheet, no section
// from a hidden sheet); a visible unknown sheet still is an unknown key.
TEST(HiddenSheets, HiddenSheetsAreNotRead) {
    const std::string fields =
        "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"
        "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>2</v></c><c r=\"B2\" t=\"s\"><v>3</v></c></row>";
    const auto parts = test::xlsx_book({{"submission", fields},
                                        {"Hulpblad", fields, "hidden"},
                                        {"Geheim", fields, "veryHidden"},
                                        {"fact", fields, "hidden"},
                                        {"Toelichting", fields}},
                                       {"field", "value", "kind", "annual"});
    const Document doc = parse_submission(test::build_zip(parts), "x.xlsx", LoadLimits{});
    ASSERT_TRUE(doc.json.has_value()) << (doc.findings.empty() ? "" : doc.findings[0].message_id);
    EXPECT_EQ((*doc.json)["kind"], "annual");
    EXPECT_FALSE(doc.json->contains("Hulpblad")) << doc.json->dump();
    EXPECT_FALSE(doc.json->contains("Geheim"));
    EXPECT_FALSE(doc.json->contains("fact"));
    EXPECT_TRUE(doc.json->contains("Toelichting"));
}

TEST(HiddenSheets, AHiddenSheetTheSubmissionNeedsIsNamedAsHidden) {
    const std::string fields =
        "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"
        "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>2</v></c><c r=\"B2\" t=\"s\"><v>3</v></c></row>";
    const std::vector<std::string> strings{"field", "value", "kind", "municipality"};
    const Document hidden_envelope = parse_submission(
        test::build_zip(test::xlsx_book({{"submission", fields, "hidden"}}, strings)), "x.xlsx", LoadLimits{});
    ASSERT_EQ(hidden_envelope.findings.size(), 1u);
    EXPECT_EQ(hidden_envelope.findings[0].message_id, "workbook-hidden-submission-sheet");

    const Document hidden_section = parse_submission(
        test::build_zip(test::xlsx_book(
            {{"submission", fields}, {"ambulatory_support", fields, "hidden"}, {"policy", fields}}, strings)),
        "x.xlsx", LoadLimits{});
    ASSERT_EQ(hidden_section.findings.size(), 1u);
    EXPECT_EQ(hidden_section.findings[0].message_id, "workbook-missing-sheets-hidden");
    EXPECT_EQ(hidden_section.findings[0].args[0].second, "`ambulatory_support`");
}

// What libxlsxwriter writes for a hidden sheet (state="hidden"), and what
// LibreOffice writes in an .ods (a table style with display="false").
TEST(HiddenSheets, HiddenAsSpreadsheetProgramsWriteIt) {
    test::TempDir dir;
    const auto file = dir / "hidden.xlsx";
    lxw_workbook* book = workbook_new(file.c_str());
    lxw_worksheet* envelope = workbook_add_worksheet(book, "submission");
    worksheet_write_string(envelope, 0, 0, "field", nullptr);
    worksheet_write_string(envelope, 0, 1, "value", nullptr);
    worksheet_write_string(envelope, 1, 0, "kind", nullptr);
    worksheet_write_string(envelope, 1, 1, "annual", nullptr);
    lxw_worksheet* helper = workbook_add_worksheet(book, "Hulpblad");
    worksheet_write_string(helper, 0, 0, "berekening", nullptr);
    worksheet_hide(helper);
    ASSERT_EQ(workbook_close(book), LXW_NO_ERROR);
    const Document xlsx = parse_submission(test::read_bytes(file), "hidden.xlsx", LoadLimits{});
    ASSERT_TRUE(xlsx.json.has_value());
    EXPECT_EQ((*xlsx.json)["kind"], "annual");
    EXPECT_FALSE(xlsx.json->contains("Hulpblad")) << xlsx.json->dump();

    const auto cell = [](const std::string& s) {
        return "<table:table-cell office:value-type=\"string\"><text:p>" + s + "</text:p></table:table-cell>";
    };
    const std::string content =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
        "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "
        "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
        "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">"
        "<office:automatic-styles><style:style style:name=\"ta1\" style:family=\"table\">"
        "<style:table-properties table:display=\"true\"/></style:style>"
        "<style:style style:name=\"ta2\" style:family=\"table\"><style:table-properties table:display=\"false\"/>"
        "</style:style></office:automatic-styles><office:body><office:spreadsheet>"
        "<table:table table:name=\"submission\" table:style-name=\"ta1\"><table:table-row>" + cell("field") +
        cell("value") + "</table:table-row><table:table-row>" + cell("kind") + cell("annual") +
        "</table:table-row></table:table>"
        "<table:table table:name=\"Hulpblad\" table:style-name=\"ta2\"><table:table-row>" + cell("berekening") +
        "</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>";
    const std::string ods = test::build_zip({{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
                                             {"content.xml", content},
                                             {"META-INF/manifest.xml", "<manifest:manifest/>"}});
    const Document read = parse_submission(ods, "hidden.ods", LoadLimits{});
    ASSERT_TRUE(read.json.has_value());
    EXPECT_EQ((*read.json)["kind"], "annual");
    EXPECT_FALSE(read.json->contains("Hulpblad")) << read.json->dump();
}

// Two sheets whose relationships name one part: liborcus read the part once
// per sheet, though the size limit counted it once (256 sheets on one part
// of 64 MiB would be 16 GiB of XML to parse). One finding, at the second
// sheet, naming both; the part names are compared as OPC resolves them.
TEST(HostileWorkbook, TwoSheetsOnOnePartAreUnreadableAtTheSecond) {
    const std::string rows = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>";
    for (const std::string target : {"worksheets/sheet1.xml", "/xl/worksheets/sheet1.xml",
                                     "./worksheets/../worksheets/SHEET1.xml"}) {
        SCOPED_TRACE(target);
        const auto parts = test::xlsx_book({{"submission", rows}, {"capacity", "", "", target}}, {"field"});
        const Document doc = parse_submission(test::build_zip(parts), "x.xlsx", LoadLimits{});
        ASSERT_EQ(doc.findings.size(), 1u);
        EXPECT_EQ(doc.findings[0].rule, "document.unreadable");
        EXPECT_EQ(doc.findings[0].message_id, "workbook-shared-sheet-part");
        EXPECT_EQ(doc.findings[0].args[0].second.get<std::string>().substr(0, 28), "`submission` and `capacity` ");
        ASSERT_TRUE(doc.findings[0].position.has_value());
        EXPECT_EQ(doc.findings[0].position->cell, "capacity!A1");
    }
}

// Shared strings take no cell: a sharedStrings.xml of a million empty
// strings passed the cell limit (and the size limit: 16 bytes each) and was
// held in memory whole. No workbook can use more strings than it may have
// cells.
TEST(HostileWorkbook, MoreSharedStringsThanTheCellLimitAreUnreadable) {
    workbook::ReadLimits limits;
    limits.max_cells = 1000;
    const std::string rows = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>";
    const auto within = workbook::read_workbook(
        test::build_zip(test::xlsx_parts("submission", rows, std::vector<std::string>(1000, ""))), limits);
    EXPECT_TRUE(std::holds_alternative<workbook::Workbook>(within));
    const auto beyond = workbook::read_workbook(
        test::build_zip(test::xlsx_parts("submission", rows, std::vector<std::string>(1001, ""))), limits);
    const auto* problem = std::get_if<workbook::ReadProblem>(&beyond);
    ASSERT_NE(problem, nullptr);
    EXPECT_EQ(problem->message_id, "workbook-too-many-strings");
    EXPECT_EQ(problem->number, 1000u);

    // At the shipped limit, through the document: one clear finding.
    const Document doc = parse_submission(
        test::build_zip(test::xlsx_parts("submission", rows, std::vector<std::string>(250001, ""))), "x.xlsx",
        LoadLimits{});
    ASSERT_EQ(doc.findings.size(), 1u);
    EXPECT_EQ(doc.findings[0].rule, "document.unreadable");
    EXPECT_EQ(doc.findings[0].message_id, "workbook-too-many-strings");
}

}  // namespace
}  // namespace lmacheck
