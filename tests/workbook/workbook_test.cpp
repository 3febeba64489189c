// The workbook reader as Debian packages liborcus, the mapping of sheets
// and cells to the submission document, and hostile workbooks: each a clear
// document.unreadable finding, never a crash, with bounded memory.
#include "workbook_test_support.hpp"
#include "zip_builder.hpp"

#include "support/temp_dir.hpp"
#include "support/file_bytes.hpp"
#include "engine/workbook_columns.hpp"
#include "workbook/container_check.hpp"
#include "workbook/sheet_reader.hpp"
#include "workbook/submission_file.hpp"
#include "workbook/workbook_document.hpp"
#include "workbook/workbook_writer.hpp"

#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include <string>

namespace lmacheck {
namespace {

using workbook::CellValue;
using workbook_test::read_ok;

const CellValue* cell(const workbook::Workbook& book, const std::string& sheet, std::uint32_t row,
                      std::uint32_t column) {
    for (const auto& s : book.sheets) {
        if (s.name != sheet) continue;
        const auto it = s.cells.find({row, column});
        return it == s.cells.end() ? nullptr : &it->second;
    }
    return nullptr;
}


std::string unreadable_reason(const std::string& bytes, const std::string& name = "x.xlsx") {
    const Document doc = parse_submission(bytes, name, LoadLimits{});
    if (doc.json || doc.findings.size() != 1 || doc.findings[0].rule != "document.unreadable") return "readable";
    return doc.findings[0].message_id;
}

// The probe the issue asks for: cells with their row and column, numbers,
// booleans, text, and a formula's cached value, as Debian's liborcus 0.17
// reads what Debian's libxlsxwriter writes.
TEST(WorkbookReader, ReadsCellsWithRowColumnAndCachedFormulaValues) {
    test::TempDir dir;
    const auto file = dir / "probe.xlsx";
    lxw_workbook* book = workbook_new(file.c_str());
    lxw_worksheet* sheet = workbook_add_worksheet(book, "capacity");
    worksheet_write_string(sheet, 0, 0, "bed_days", nullptr);
    worksheet_write_number(sheet, 4, 4, 60.25, nullptr);
    worksheet_write_number(sheet, 1, 0, 8395, nullptr);
    worksheet_write_boolean(sheet, 1, 1, 1, nullptr);
    worksheet_write_formula_num(sheet, 1, 2, "=A2*2", nullptr, 16790);
    worksheet_write_formula_str(sheet, 1, 3, "=NA()", nullptr, "");
    worksheet_write_formula_num(sheet, 1, 5, "=[1]Sheet1!A1", nullptr, 7);
    ASSERT_EQ(workbook_close(book), LXW_NO_ERROR);

    const auto read = read_ok(test::read_bytes(file));
    ASSERT_EQ(read.sheets.size(), 1u);
    EXPECT_EQ(read.sheets[0].name, "capacity");
    ASSERT_NE(cell(read, "capacity", 0, 0), nullptr);
    EXPECT_EQ(cell(read, "capacity", 0, 0)->text, "bed_days");
    ASSERT_NE(cell(read, "capacity", 4, 4), nullptr);  // E5
    EXPECT_EQ(cell(read, "capacity", 4, 4)->number, 60.25);
    EXPECT_EQ(cell(read, "capacity", 1, 0)->number, 8395);
    EXPECT_EQ(cell(read, "capacity", 1, 1)->type, CellValue::Type::boolean);
    EXPECT_TRUE(cell(read, "capacity", 1, 1)->boolean);
    ASSERT_NE(cell(read, "capacity", 1, 2), nullptr);
    EXPECT_EQ(cell(read, "capacity", 1, 2)->type, CellValue::Type::number);
    EXPECT_EQ(cell(read, "capacity", 1, 2)->number, 16790);  // the cached value, not evaluated
    ASSERT_NE(cell(read, "capacity", 1, 3), nullptr);
    EXPECT_EQ(cell(read, "capacity", 1, 3)->type, CellValue::Type::formula_without_value);
    ASSERT_NE(cell(read, "capacity", 1, 5), nullptr);
    EXPECT_EQ(cell(read, "capacity", 1, 5)->type, CellValue::Type::external_reference);
}

TEST(WorkbookReader, A1NotationBothWays) {
    EXPECT_EQ(workbook::a1({4, 4}), "E5");
    EXPECT_EQ(workbook::a1({0, 16383}), "XFD1");
    EXPECT_EQ(workbook::a1({1048575, 26}), "AA1048576");
    EXPECT_EQ(workbook::parse_a1("$E$5")->column, 4u);
    EXPECT_FALSE(workbook::parse_a1("XFE1").has_value());
    EXPECT_FALSE(workbook::parse_a1("A1048577").has_value());
    EXPECT_FALSE(workbook::parse_a1("A0").has_value());
}

nlohmann::json institution() {
    return nlohmann::json::parse(test::read_bytes(std::string(LMACHECK_SOURCE_DIR) + "/samples/valid/institution-2019.json"));
}

TEST(WorkbookDocument, FindingsPointAtCells) {
    test::TempDir dir;
    nlohmann::json doc = institution();
    doc["capacity"][3]["bed_days"] = "12,5";
    workbook::write_workbook(doc, dir / "a.xlsx");
    const Document read = parse_submission(test::read_bytes(dir / "a.xlsx"), "a.xlsx", LoadLimits{});
    ASSERT_TRUE(read.json.has_value());
    EXPECT_TRUE(read.findings.empty());
    EXPECT_EQ(*read.json, doc);
    // bed_days is the fourth column (D) of the capacity sheet; record 3 is row 5.
    EXPECT_EQ(read.position_of("/capacity/3/bed_days")->cell, "capacity!D5");
    EXPECT_EQ(read.position_of("/capacity/3")->cell, "capacity!A5");
    EXPECT_EQ(read.position_of("/capacity")->cell, "capacity!A1");
    EXPECT_EQ(read.position_of("")->cell, "submission!A1");
    EXPECT_EQ(read.position_of("/fact/teams")->cell.substr(0, 6), "fact!B");
    EXPECT_EQ(read.position_of("/capacity_totals/wlz/bed_days")->cell.substr(0, 17), "capacity_totals!C");

    std::vector<RawFinding> findings{RawFinding{"schema.structure", "/capacity/3/bed_days", "invalid-value", {},
                                                std::nullopt, std::nullopt, std::nullopt}};
    workbook::explain_cell_values(read, findings);
    EXPECT_EQ(findings[0].message_id, "workbook-text-number");
}

TEST(WorkbookDocument, RepeatedFieldIsOneFindingAtItsCellAndTheLastValueCounts) {
    // A repeated field on the submission sheet (a kind no one knows, so
    // that no sheet is required).
    const std::string repeated =
        "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"
        "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>2</v></c><c r=\"B2\" t=\"s\"><v>3</v></c></row>"
        "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>2</v></c><c r=\"B3\" t=\"s\"><v>4</v></c></row>";
    const auto parts = test::xlsx_parts("submission", repeated, {"field", "value", "kind", "first", "second"});
    const Document doc = parse_submission(test::build_zip(parts), "x.xlsx", LoadLimits{});
    ASSERT_TRUE(doc.json.has_value());
    EXPECT_EQ((*doc.json)["kind"], "second");
    ASSERT_EQ(doc.findings.size(), 1u);
    EXPECT_EQ(doc.findings[0].rule, "document.duplicate-key");
    EXPECT_EQ(doc.findings[0].position->cell, "submission!A3");
}

TEST(HostileWorkbook, NotAZipIsUnreadable) {
    EXPECT_EQ(unreadable_reason("{\"format\": \"lma-submission\"}"), "workbook-not-zip");
    EXPECT_EQ(unreadable_reason(""), "workbook-not-zip");
}

TEST(HostileWorkbook, AZipThatIsNotAWorkbookIsUnreadable) {
    EXPECT_EQ(unreadable_reason(test::build_zip({{"readme.txt", "hello"}})), "workbook-not-workbook");
}

TEST(HostileWorkbook, TruncatedIsUnreadable) {
    const std::string whole = test::build_zip(test::xlsx_parts("submission", ""));
    for (std::size_t cut : {whole.size() / 2, whole.size() - 10, std::size_t{30}}) {
        EXPECT_EQ(unreadable_reason(whole.substr(0, cut)), "workbook-truncated") << cut;
    }
}

TEST(HostileWorkbook, EncryptedIsUnreadable) {
    // Excel's password-protected workbook: an OLE compound file holding an EncryptedPackage stream.
    std::string compound("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
    compound += std::string(200, '\0');
    for (char c : std::string("EncryptedPackage")) compound += std::string{c, '\0'};
    EXPECT_EQ(unreadable_reason(compound), "workbook-encrypted");
    auto parts = test::xlsx_parts("submission", "");
    parts[5].encrypted_flag = true;  // zip-level encryption
    EXPECT_EQ(unreadable_reason(test::build_zip(parts)), "workbook-encrypted");
    // An encrypted ODS: a plain zip whose manifest says its parts are encrypted.
    EXPECT_EQ(unreadable_reason(test::build_zip({{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
                                                 {"content.xml", "garbage"},
                                                 {"META-INF/manifest.xml",
                                                  "<manifest:manifest><manifest:file-entry><manifest:encryption-data/>"
                                                  "</manifest:file-entry></manifest:manifest>"}}),
                                "x.ods"),
              "workbook-encrypted");
}

TEST(HostileWorkbook, ZipBombStopsBeforeInflating) {
    // 200 MiB of spaces inside the sheet, under 300 KiB packed.
    const std::string rows(200u << 20, ' ');
    const std::string bomb = test::build_zip(test::xlsx_parts("submission", rows));
    EXPECT_LT(bomb.size(), 1u << 20);
    EXPECT_EQ(unreadable_reason(bomb), "workbook-expands-too-far");
}

TEST(HostileWorkbook, AMillionRowsStopAtTheCellLimit) {
    std::string rows;
    rows.reserve(40u << 20);
    for (std::uint32_t r = 1; r <= workbook::max_rows; ++r) {
        rows += "<row r=\"" + std::to_string(r) + "\"><c r=\"A" + std::to_string(r) + "\"><v>1</v></c></row>";
    }
    EXPECT_EQ(unreadable_reason(test::build_zip(test::xlsx_parts("capacity", rows))), "workbook-too-many-cells");
}

// A capacity sheet whose header row fills all 16,384 columns: the six
// fields, then `x` in every column from G to XFD, and a value in XFD2. It
// is read whole, and the user gets one finding per problem at its cell: the
// repeated header once, at its first repetition (H1), and the unknown
// column `x` once, at the header that counts (the last, XFD1), with the
// path of its value.
TEST(HostileWorkbook, SixteenThousandColumnsAreReadAndReported) {
    const std::vector<std::string> strings{"field", "value", "kind", "institution", "location_id", "financing",
                                           "beds_year_end", "bed_days", "places", "clients", "x"};
    std::string header = "<row r=\"1\">";
    for (std::uint32_t c = 0; c < workbook::max_columns; ++c) {
        const std::uint32_t string = c < 6 ? 4 + c : 10;
        header += "<c r=\"" + workbook::a1({0, c}) + "\" t=\"s\"><v>" + std::to_string(string) + "</v></c>";
    }
    header += "</row><row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"XFD2\"><v>5</v></c></row>";
    const std::string envelope =
        "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"
        "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>2</v></c><c r=\"B2\" t=\"s\"><v>3</v></c></row>";
    std::vector<test::XlsxSheet> sheets{{"submission", envelope}, {"capacity", header}};
    for (const char* section : {"locations", "capacity_totals", "ambulatory", "fact", "clients"}) {
        sheets.push_back({section, ""});
    }
    const Document doc = parse_submission(test::build_zip(test::xlsx_book(sheets, strings)), "x.xlsx", LoadLimits{});
    ASSERT_TRUE(doc.json.has_value()) << doc.findings.at(0).message_id;
    EXPECT_EQ((*doc.json)["capacity"][0]["x"], 5);
    ASSERT_EQ(doc.findings.size(), 1u);
    EXPECT_EQ(doc.findings[0].rule, "document.duplicate-key");
    EXPECT_EQ(doc.findings[0].position->cell, "capacity!H1");

    const auto schema = nlohmann::json::parse(
        test::read_bytes(std::string(LMACHECK_SOURCE_DIR) + "/schemas/institution-1.0.schema.json"));
    const ColumnFindings columns = check_workbook_columns(doc, schema);
    ASSERT_EQ(columns.findings.size(), 1u);
    EXPECT_EQ(columns.findings[0].message_id, "unknown-key");
    EXPECT_EQ(columns.findings[0].path, "/capacity/0/x");
    EXPECT_EQ(columns.findings[0].position->cell, "capacity!XFD1");
}

TEST(HostileWorkbook, SharedStringOutOfRangeIsUnreadableNamingTheCell) {
    const std::string rows = "<row r=\"1\"><c r=\"B1\" t=\"s\"><v>7</v></c></row>";
    const Document doc = parse_submission(test::build_zip(test::xlsx_parts("submission", rows, {"field"})), "x.xlsx",
                                          LoadLimits{});
    ASSERT_EQ(doc.findings.size(), 1u);
    EXPECT_EQ(doc.findings[0].message_id, "workbook-bad-string");
    EXPECT_EQ(doc.findings[0].args[0].second, "submission!B1");
}

TEST(HostileWorkbook, ExternalReferenceIsNeverFollowed) {
    const std::string rows =
        "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"
        "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>2</v></c><c r=\"B2\"><f>[1]Sheet1!A1</f><v>2019</v></c></row>";
    const Document doc = parse_submission(
        test::build_zip(test::xlsx_parts("submission", rows, {"field", "value", "reporting_year"})), "x.xlsx",
        LoadLimits{});
    ASSERT_TRUE(doc.json.has_value());
    EXPECT_TRUE((*doc.json)["reporting_year"].is_null());
    std::vector<RawFinding> findings{RawFinding{"schema.structure", "/reporting_year", "invalid-value", {},
                                                std::nullopt, std::nullopt, std::nullopt}};
    workbook::explain_cell_values(doc, findings);
    EXPECT_EQ(findings[0].message_id, "workbook-external-reference");
    EXPECT_EQ(doc.position_of("/reporting_year")->cell, "submission!B2");
}

TEST(HostileWorkbook, LegacyXlsIsNamed) {
    std::string compound("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
    compound += std::string(512, '\0');
    EXPECT_EQ(unreadable_reason(compound), "workbook-legacy");
}

}  // namespace
}  // namespace lmacheck

namespace lmacheck {
namespace {

TEST(WorkbookDocument, RepeatedHeaderIsOneFindingAtTheRepeatedCell) {
    test::TempDir dir;
    nlohmann::json doc = institution();
    workbook::write_workbook(doc, dir / "a.xlsx");
    // Rewrite the capacity sheet with `places` twice: the last column counts.
    auto read = std::get<workbook::Workbook>(workbook::read_workbook(test::read_bytes(dir / "a.xlsx"), {}));
    auto mapped_before = workbook::map_workbook(read);
    for (auto& sheet : read.sheets) {
        if (sheet.name != "capacity") continue;
        sheet.cells[{0, 6}] = workbook::CellValue{workbook::CellValue::Type::text, 0, false, "places"};
        sheet.cells[{1, 6}] = workbook::CellValue{workbook::CellValue::Type::number, 99.5, false, {}};
    }
    const auto mapped = workbook::map_workbook(read);
    ASSERT_EQ(mapped.findings.size(), 1u);
    EXPECT_EQ(mapped.findings[0].rule, "document.duplicate-key");
    EXPECT_EQ(mapped.findings[0].position->cell, "capacity!G1");
    EXPECT_EQ(mapped.json["capacity"][0]["places"], 99.5);
    // Only the last `places` column counts, also where it is empty.
    EXPECT_TRUE(mapped_before.json["capacity"][1].contains("places"));
    EXPECT_FALSE(mapped.json["capacity"][1].contains("places"));
}

TEST(WorkbookDocument, MissingRequiredSheetIsOneUnreadableFindingNamingThem) {
    const std::string rows =
        "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"
        "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>2</v></c><c r=\"B2\" t=\"s\"><v>3</v></c></row>";
    const Document doc = parse_submission(
        test::build_zip(test::xlsx_parts("submission", rows, {"field", "value", "kind", "municipality"})), "x.xlsx",
        LoadLimits{});
    ASSERT_EQ(doc.findings.size(), 1u);
    EXPECT_EQ(doc.findings[0].message_id, "workbook-missing-sheets");
    EXPECT_EQ(doc.findings[0].args[0].second, "`ambulatory_support`, `policy`");
}

}  // namespace
}  // namespace lmacheck

namespace lmacheck {
namespace {

std::string ods_cell(const std::string& type, const std::string& attributes, const std::string& text) {
    return "<table:table-cell office:value-type=\"" + type + "\" " + attributes + "><text:p>" + text +
           "</text:p></table:table-cell>";
}

// The same reader reads OpenDocument: strings, floats, booleans, a date
// cell, a repeated empty cell between values, and a formula's cached value.
TEST(WorkbookReader, ReadsOdsCellsWithRowColumnDatesAndFormulas) {
    const std::string content =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
        "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
        "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
        "xmlns:of=\"urn:oasis:names:tc:opendocument:xmlns:of:1.2\" office:version=\"1.2\">"
        "<office:body><office:spreadsheet><table:table table:name=\"submission\">"
        "<table:table-row>" + ods_cell("string", "", "field") + ods_cell("string", "", "value") + "</table:table-row>"
        "<table:table-row>" + ods_cell("string", "", "reporting_year") +
        ods_cell("float", "office:value=\"2019\"", "2019") + "</table:table-row>"
        "<table:table-row>" + ods_cell("string", "", "submitted_at") +
        ods_cell("date", "office:date-value=\"2020-03-01T10:15:30\"", "01-03-2020") + "</table:table-row>"
        "<table:table-row>" + ods_cell("string", "", "submitter.ggz_nederland_member") +
        ods_cell("boolean", "office:boolean-value=\"true\"", "TRUE") + "</table:table-row>"
        "<table:table-row>" + ods_cell("string", "", "x") +
        "<table:table-cell table:number-columns-repeated=\"3\"/>" + ods_cell("float", "office:value=\"1.5\"", "1,5") +
        "</table:table-row>"
        "<table:table-row>" + ods_cell("string", "", "y") +
        "<table:table-cell table:formula=\"of:=[.B2]*2\" office:value-type=\"float\" office:value=\"4038\">"
        "<text:p>4038</text:p></table:table-cell></table:table-row>"
        "</table:table></office:spreadsheet></office:body></office:document-content>";
    const std::string bytes = test::build_zip({{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
                                               {"content.xml", content},
                                               {"META-INF/manifest.xml", "<manifest:manifest/>"}});
    const auto read = read_ok(bytes);
    ASSERT_EQ(read.sheets.size(), 1u);
    ASSERT_NE(cell(read, "submission", 1, 1), nullptr);
    EXPECT_EQ(cell(read, "submission", 1, 1)->number, 2019);
    ASSERT_NE(cell(read, "submission", 2, 1), nullptr);
    EXPECT_EQ(cell(read, "submission", 2, 1)->type, CellValue::Type::date);
    EXPECT_EQ(cell(read, "submission", 2, 1)->text, "2020-03-01T10:15:30Z");
    ASSERT_NE(cell(read, "submission", 3, 1), nullptr);
    EXPECT_TRUE(cell(read, "submission", 3, 1)->boolean);
    ASSERT_NE(cell(read, "submission", 4, 4), nullptr);  // after three repeated empty cells: E5
    EXPECT_EQ(cell(read, "submission", 4, 4)->number, 1.5);
    ASSERT_NE(cell(read, "submission", 5, 1), nullptr);
    EXPECT_EQ(cell(read, "submission", 5, 1)->number, 4038);

    const Document doc = parse_submission(bytes, "jaaropgave.ods", LoadLimits{});
    ASSERT_TRUE(doc.json.has_value());
    EXPECT_EQ((*doc.json)["reporting_year"], 2019);
    EXPECT_EQ((*doc.json)["submitted_at"], "2020-03-01T10:15:30Z");
    EXPECT_EQ((*doc.json)["submitter"]["ggz_nederland_member"], true);
    EXPECT_EQ(doc.position_of("/submitter/ggz_nederland_member")->cell, "submission!B4");
}

// The boolean cells liborcus drops are read by lmacheck's own walk over
// content.xml: a repeated boolean cell is every cell it repeats, counted
// against the cell limit.
TEST(HostileWorkbook, RepeatedOdsBooleansStopAtTheCellLimit) {
    const std::string content =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
        "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
        "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">"
        "<office:body><office:spreadsheet><table:table table:name=\"submission\">"
        "<table:table-row table:number-rows-repeated=\"1048576\"><table:table-cell "
        "table:number-columns-repeated=\"16384\" office:value-type=\"boolean\" office:boolean-value=\"true\"/>"
        "</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>";
    const std::string bytes = test::build_zip({{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
                                               {"content.xml", content},
                                               {"META-INF/manifest.xml", "<manifest:manifest/>"}});
    EXPECT_EQ(unreadable_reason(bytes, "x.ods"), "workbook-too-many-cells");
}

}  // namespace
}  // namespace lmacheck

namespace lmacheck {
namespace {

// An unknown sheet is an unknown key even when column B is empty (its text
// would otherwise be passed over in silence); a sheet without a cell is not.
TEST(WorkbookDocument, UnknownSheetIsAnUnknownKeyAtItsA1) {
    workbook::Workbook book;
    book.sheets.push_back(workbook::Sheet{"submission", {}});
    book.sheets.push_back(workbook::Sheet{"Toelichting", {}});
    book.sheets.back().cells[{0, 0}] = workbook::CellValue{workbook::CellValue::Type::text, 0, false, "notes"};
    book.sheets.back().cells[{1, 0}] = workbook::CellValue{workbook::CellValue::Type::text, 0, false, "more notes"};
    book.sheets.push_back(workbook::Sheet{"Blad1", {}});
    const auto mapped = workbook::map_workbook(book);
    EXPECT_TRUE(mapped.json.contains("Toelichting"));
    EXPECT_FALSE(mapped.json.contains("Blad1"));
    EXPECT_EQ(mapped.positions->find("/Toelichting")->cell, "Toelichting!A1");
}

}  // namespace
}  // namespace lmacheck

namespace lmacheck {
namespace {

// "NaN" and "INF" in a number cell's XML become null, never a JSON number
// that cannot be written; the schema's finding on the null says why, at the
// cell.
TEST(HostileWorkbook, NonFiniteNumberIsNull) {
    const std::string rows =
        "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"
        "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>2</v></c><c r=\"B2\"><v>INF</v></c></row>"
        "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>3</v></c><c r=\"B3\"><v>NaN</v></c></row>";
    const Document doc = parse_submission(
        test::build_zip(test::xlsx_parts("submission", rows, {"field", "value", "reporting_year", "kind"})), "x.xlsx",
        LoadLimits{});
    ASSERT_TRUE(doc.json.has_value());
    EXPECT_TRUE(doc.findings.empty());
    for (const char* key : {"reporting_year", "kind"}) {
        ASSERT_TRUE(doc.json->contains(key)) << key << " " << doc.json->dump();
        EXPECT_TRUE((*doc.json)[key].is_null()) << key << " " << doc.json->dump();
    }
    EXPECT_EQ(doc.json->dump(), R"({"kind":null,"reporting_year":null})");
    EXPECT_EQ(doc.position_of("/reporting_year")->cell, "submission!B2");
    EXPECT_EQ(doc.position_of("/kind")->cell, "submission!B3");
    std::vector<RawFinding> findings{RawFinding{"schema.structure", "/reporting_year", "invalid-value", {},
                                                std::nullopt, std::nullopt, std::nullopt}};
    workbook::explain_cell_values(doc, findings);
    EXPECT_EQ(findings[0].message_id, "workbook-not-a-number");
}

}  // namespace
}  // namespace lmacheck

namespace lmacheck {
namespace {

// Every cell that refers to a shared string holds its own copy of the text:
// one 1 MiB string in many cells passes the zip's size limit and the cell
// limit, yet (in 250,000 cells) would need 250 GB. The text of all cells
// together is held to the unpacked-size limit (64 MiB here): 100 cells of
// 1 MiB each stop reading with one clear finding.
TEST(HostileWorkbook, OneLargeSharedStringInManyCellsStopsAtTheSizeLimit) {
    std::string rows;
    for (std::uint32_t r = 1; r <= 100; ++r) {
        rows += "<row r=\"" + std::to_string(r) + "\"><c r=\"A" + std::to_string(r) + "\" t=\"s\"><v>0</v></c></row>";
    }
    const std::string bytes = test::build_zip(test::xlsx_parts("submission", rows, {std::string(1u << 20, 'x')}));
    const Document doc = parse_submission(bytes, "x.xlsx", LoadLimits{});
    EXPECT_FALSE(doc.json.has_value());
    ASSERT_EQ(doc.findings.size(), 1u);
    EXPECT_EQ(doc.findings[0].rule, "document.unreadable");
    EXPECT_EQ(doc.findings[0].message_id, "workbook-expands-too-far");
}

}  // namespace
}  // namespace lmacheck

namespace lmacheck {
namespace {

std::string ods_with_tables(const std::string& tables) {
    const std::string content =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
        "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
        "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">"
        "<office:body><office:spreadsheet>" + tables + "</office:spreadsheet></office:body></office:document-content>";
    return test::build_zip({{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
                            {"content.xml", content},
                            {"META-INF/manifest.xml", "<manifest:manifest/>"}});
}

// A boolean cell repeated 1,048,576 rows x 1,048,576 columns, once entirely
// right of the sheet's last column and once starting in it: the repeats
// outside the sheet are never walked one by one (10^12 steps, a hang while
// every other workbook waits for orcus), the ones inside count against the
// cell limit.
TEST(HostileWorkbook, OdsBooleansRepeatedFarPastTheSheetEndAtTheCellLimit) {
    const std::string repeats =
        "table:number-columns-repeated=\"1048576\" office:value-type=\"boolean\" office:boolean-value=\"true\"/>";
    const std::string bytes = ods_with_tables(
        "<table:table table:name=\"outside\"><table:table-row table:number-rows-repeated=\"1048576\">"
        "<table:table-cell table:number-columns-repeated=\"16384\"/><table:table-cell " + repeats +
        "</table:table-row></table:table>"
        "<table:table table:name=\"submission\"><table:table-row table:number-rows-repeated=\"1048576\">"
        "<table:table-cell table:number-columns-repeated=\"16383\"/><table:table-cell " + repeats +
        "</table:table-row></table:table>");
    EXPECT_EQ(unreadable_reason(bytes, "x.ods"), "workbook-too-many-cells");
}

}  // namespace
}  // namespace lmacheck

namespace lmacheck {
namespace {

// The central directory claims a compressed size of almost 4 GiB for a part
// of a 1 KB file: orcus would allocate that much before reading. The part's
// data must fit between its local header and the central directory.
TEST(HostileWorkbook, CompressedSizeLargerThanTheFileIsDamaged) {
    std::string bytes = test::build_zip(test::xlsx_parts("submission", ""));
    const std::string central("PK\x01\x02", 4);
    const std::size_t entry = bytes.find(central);
    ASSERT_NE(entry, std::string::npos);
    for (std::size_t i = 0; i < 4; ++i) bytes[entry + 20 + i] = i == 0 ? '\xFE' : '\xFF';
    const auto checked = workbook::check_container(bytes, workbook::ContainerLimits{});
    const auto* problem = std::get_if<workbook::ContainerProblem>(&checked);
    ASSERT_NE(problem, nullptr);
    EXPECT_EQ(problem->message_id, "workbook-truncated");
    EXPECT_EQ(unreadable_reason(bytes), "workbook-truncated");
}

}  // namespace
}  // namespace lmacheck

namespace lmacheck {
namespace {

// An empty cell leaves its key out, and so the objects above it: an empty
// `submitter.agb_code` is no `"submitter": null`.
TEST(WorkbookDocument, EmptyNestedFieldLeavesItsParentOut) {
    workbook::Workbook book;
    book.sheets.push_back(workbook::Sheet{"submission", {}});
    auto& cells = book.sheets.back().cells;
    const auto text = [](const char* s) { return workbook::CellValue{workbook::CellValue::Type::text, 0, false, s}; };
    cells[{0, 0}] = text("field");
    cells[{0, 1}] = text("value");
    cells[{1, 0}] = text("submitter.agb_code");
    cells[{2, 0}] = text("kind");
    cells[{2, 1}] = text("annual");
    const auto mapped = workbook::map_workbook(book);
    EXPECT_FALSE(mapped.json.contains("submitter")) << mapped.json.dump();
    EXPECT_EQ(mapped.json.value("kind", ""), "annual");
    EXPECT_TRUE(mapped.findings.empty());
}

}  // namespace
}  // namespace lmacheck
