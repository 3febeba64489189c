// The workbook reader on files other programs write (issue 11, found by
// saving the template with LibreOffice): an .ods with a number style (every
// file LibreOffice saves) crashed liborcus; an .xlsx's inline strings
// (streaming writers) were lost; LibreOffice's booleans in an .xlsx
// (`TRUE()` with its cached 1) read as formulas without a value.
#include "workbook_test_support.hpp"
#include "zip_builder.hpp"

#include "support/file_bytes.hpp"
#include "support/subprocess.hpp"
#include "workbook/sheet_reader.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <string>

namespace lmacheck {
namespace {

using workbook::CellValue;
using workbook_test::read_ok;

const std::string data_dir = std::string(LMACHECK_SOURCE_DIR) + "/tests/data/workbook/";


const CellValue* cell(const workbook::Workbook& book, std::size_t sheet, std::uint32_t row, std::uint32_t column) {
    if (sheet >= book.sheets.size()) return nullptr;
    const auto found = book.sheets[sheet].cells.find({row, column});
    return found == book.sheets[sheet].cells.end() ? nullptr : &found->second;
}

void expect_text(const CellValue* value, const std::string& text) {
    ASSERT_NE(value, nullptr) << "no cell, expected \"" << text << "\"";
    EXPECT_EQ(value->type, CellValue::Type::text);
    EXPECT_EQ(value->text, text);
}

void expect_boolean(const CellValue* value, bool expected) {
    ASSERT_NE(value, nullptr);
    EXPECT_EQ(value->type, CellValue::Type::boolean);
    EXPECT_EQ(value->boolean, expected);
}

// LibreOffice saves a number style in content.xml's automatic styles of
// every .ods; liborcus 0.17 passed it to the import's styles, which we did
// not give it (a null pointer: SIGSEGV, exit 139).
TEST(WorkbookInterop, OdsWithANumberStyleReadsWithoutCrashing) {
    const auto book = read_ok(test::read_bytes(data_dir + "number-style-crash.ods"));
    ASSERT_FALSE(book.sheets.empty());
    std::size_t cells = 0;
    for (const auto& sheet : book.sheets) cells += sheet.cells.size();
    EXPECT_GT(cells, 0u);
    expect_text(cell(book, 0, 0, 0), "field");
}

// The same through the program: validate and convert end with a verdict.
TEST(WorkbookInterop, ProgramReadsAnOdsWithANumberStyle) {
    for (const std::string command : {"validate", "convert"}) {
        SCOPED_TRACE(command);
        std::vector<std::string> args{LMACHECK_EXE, command, data_dir + "number-style-crash.ods"};
        if (command == "convert") args.insert(args.end(), {"--to", "json"});
        const auto run = test::run_process(args, {.timeout = std::chrono::seconds(120)});
        EXPECT_TRUE(run.exit_code == 0 || run.exit_code == 1) << test::describe(run);
    }
}

// A row or column style's properties in a style of another family (here
// the family a fuzzed file's "table-row" became) crashed liborcus 0.17
// (SIGSEGV; an assertion aborting for a column): a finding that names the
// part, whatever prefix the style namespace has.
TEST(WorkbookInterop, OdsStylePropertiesOfAnotherFamilyAreRefused) {
    for (const std::string element : {"table-row-properties", "table-column-properties"}) {
        for (const std::string prefix : {"style", "s"}) {
            SCOPED_TRACE(element + " " + prefix);
            const std::string content =
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
                "xmlns:" + prefix + "=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "
                "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
                "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.3\">"
                "<office:automatic-styles><" + prefix + ":style " + prefix + ":name=\"ro1\" " + prefix +
                ":family=\"float\"><" + prefix + ":" + element + "/></" + prefix + ":style></office:automatic-styles>"
                "<office:body><office:spreadsheet><table:table table:name=\"submission\"><table:table-row>"
                "<table:table-cell office:value-type=\"string\"><text:p>field</text:p></table:table-cell>"
                "</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>";
            const auto result = workbook::read_workbook(
                test::build_zip({{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
                                 {"content.xml", content},
                                 {"META-INF/manifest.xml", "<manifest:manifest/>"}}),
                workbook::ReadLimits{});
            const auto* problem = std::get_if<workbook::ReadProblem>(&result);
            ASSERT_NE(problem, nullptr);
            EXPECT_EQ(problem->message_id, "workbook-broken");
            EXPECT_EQ(problem->detail, "content.xml: " + element + " in a style of family \"float\"");
        }
    }
}

// An .xlsx's styles with number formats (as LibreOffice writes them) go to
// the same do-nothing styles: the cells read as before.
TEST(WorkbookInterop, XlsxStylesWithNumberFormatsAreIgnored) {
    auto parts = test::xlsx_parts("submission", R"(<row r="1"><c r="A1" s="1"><v>2019</v></c></row>)");
    for (auto& part : parts) {
        if (part.name == "xl/_rels/workbook.xml.rels") {
            part.data.insert(part.data.find("</Relationships>"),
                             "<Relationship Id=\"rId3\" "
                             "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
                             "Target=\"styles.xml\"/>");
        }
        if (part.name == "[Content_Types].xml") {
            part.data.insert(part.data.find("</Types>"),
                             "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/"
                             "vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>");
        }
    }
    parts.push_back({"xl/styles.xml",
                     "<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet "
                     "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><numFmts count=\"2\">"
                     "<numFmt numFmtId=\"164\" formatCode=\"General\"/><numFmt numFmtId=\"165\" formatCode=\"0.0\"/>"
                     "</numFmts><fonts count=\"1\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
                     "<fills count=\"1\"><fill><patternFill patternType=\"none\"/></fill></fills>"
                     "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
                     "<cellStyleXfs count=\"1\"><xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/>"
                     "</cellStyleXfs><cellXfs count=\"2\"><xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" "
                     "borderId=\"0\" xfId=\"0\"/><xf numFmtId=\"165\" fontId=\"0\" fillId=\"0\" borderId=\"0\" "
                     "xfId=\"0\" applyNumberFormat=\"1\"/></cellXfs><cellStyles count=\"1\"><cellStyle "
                     "name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>"});
    const auto book = read_ok(test::build_zip(parts));
    const CellValue* value = cell(book, 0, 0, 0);
    ASSERT_NE(value, nullptr);
    EXPECT_EQ(value->type, CellValue::Type::number);
    EXPECT_EQ(value->number, 2019);
}

// Inline strings: plain, in rich-text runs (without the phonetic reading),
// empty, and in a cell without an `r` attribute (the next column).
TEST(WorkbookInterop, XlsxInlineStringsAreRead) {
    const auto book = read_ok(test::build_zip(test::xlsx_parts(
        "submission",
        R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>lma-submission</t></is></c></row>)"
        R"(<row r="2"><c r="A2" t="inlineStr"><is><r><t>ab</t></r><r><rPr><b/></rPr><t xml:space="preserve">c )"
        R"(&amp; d</t></r><rPh sb="0" eb="1"><t>reading</t></rPh></is></c><c t="inlineStr"><is><t>next</t></is></c>)"
        R"(</row><row><c t="inlineStr"><is><t/></is></c></row>)",
        {"kind"})));
    expect_text(cell(book, 0, 0, 0), "kind");
    expect_text(cell(book, 0, 0, 1), "lma-submission");
    expect_text(cell(book, 0, 1, 0), "abc & d");
    expect_text(cell(book, 0, 1, 1), "next");
    expect_text(cell(book, 0, 2, 0), "");
}

// Inline strings are cells like any other: they count against the cell
// limit and their text against the size limit.
TEST(WorkbookInterop, XlsxInlineStringsCountAgainstTheCellLimit) {
    std::string rows;
    for (int row = 1; row <= 5; ++row) {
        rows += "<row r=\"" + std::to_string(row) + "\"><c r=\"A" + std::to_string(row) +
                "\" t=\"inlineStr\"><is><t>x</t></is></c></row>";
    }
    workbook::ReadLimits limits;
    limits.max_cells = 4;
    const auto result = workbook::read_workbook(test::build_zip(test::xlsx_parts("submission", rows)), limits);
    const auto* problem = std::get_if<workbook::ReadProblem>(&result);
    ASSERT_NE(problem, nullptr);
    EXPECT_EQ(problem->message_id, "workbook-too-many-cells");
}

// The institution template written by a streaming writer, its `format`
// (B2 of `submission`) an inline string: the schema no longer reports the
// key as missing.
TEST(WorkbookInterop, ProgramSeesAnInlineStringKey) {
    const auto run = test::run_process(
        {LMACHECK_EXE, "validate", "--format", "json", data_dir + "inline-string-dropped.xlsx"},
        {.timeout = std::chrono::seconds(120)});
    ASSERT_TRUE(run.exit_code == 0 || run.exit_code == 1) << test::describe(run);
    const auto findings = nlohmann::json::parse(run.out).at("submissions").at(0).at("findings");
    ASSERT_FALSE(findings.empty());  // the template's own fields are empty
    for (const auto& finding : findings) {
        EXPECT_EQ(finding.value("message", "").find("`format`"), std::string::npos) << finding.dump();
    }
}

// Date cells (`t="d"`, ISO 8601 text) were dropped like inline strings:
// read as RFC 3339 date-times in UTC, as .ods dates are; a text that is no
// such date stays text, for the schema to judge at its cell.
TEST(WorkbookInterop, XlsxDateCellsAreRead) {
    const auto book = read_ok(test::build_zip(test::xlsx_parts(
        "submission", R"(<row r="1"><c r="A1" t="d"><v>2020-03-01T10:15:30.250</v></c>)"
                      R"(<c r="B1" t="d"><v>2020-03-01</v></c><c r="C1" t="d"><v>2020-03-01T10:15Z</v></c>)"
                      R"(<c r="D1" t="d"><v>1 maart 2020</v></c><c r="E1" t="d"><v>2020-13-01</v></c></row>)")));
    auto expect_date = [](const CellValue* value, const std::string& text) {
        ASSERT_NE(value, nullptr);
        EXPECT_EQ(value->type, CellValue::Type::date);
        EXPECT_EQ(value->text, text);
    };
    expect_date(cell(book, 0, 0, 0), "2020-03-01T10:15:30Z");
    expect_date(cell(book, 0, 0, 1), "2020-03-01T00:00:00Z");
    expect_date(cell(book, 0, 0, 2), "2020-03-01T10:15:00Z");
    expect_text(cell(book, 0, 0, 3), "1 maart 2020");
    expect_text(cell(book, 0, 0, 4), "2020-13-01");
}

// A formula's cached value is the cell's value: a boolean (LibreOffice's
// TRUE() and FALSE()), a number, a text; an error stays a formula without a
// value, and a formula into another file keeps saying so.
TEST(WorkbookInterop, XlsxFormulaCachedValuesAreRead) {
    const auto book = read_ok(test::build_zip(test::xlsx_parts(
        "submission",
        R"(<row r="1"><c r="A1" t="b"><f aca="false">TRUE()</f><v>1</v></c>)"
        R"(<c r="B1" t="b"><f aca="false">FALSE()</f><v>0</v></c>)"
        R"(<c r="C1"><f>1+1</f><v>2</v></c><c r="D1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>)"
        R"(<c r="E1" t="e"><f>NA()</f><v>#N/A</v></c><c r="F1" t="b"><f>[1]Other!A1</f><v>1</v></c>)"
        R"(<c r="G1" t="b"><v>1</v></c></row>)")));
    expect_boolean(cell(book, 0, 0, 0), true);
    expect_boolean(cell(book, 0, 0, 1), false);
    ASSERT_NE(cell(book, 0, 0, 2), nullptr);
    EXPECT_EQ(cell(book, 0, 0, 2)->type, CellValue::Type::number);
    EXPECT_EQ(cell(book, 0, 0, 2)->number, 2);
    expect_text(cell(book, 0, 0, 3), "ab");
    ASSERT_NE(cell(book, 0, 0, 4), nullptr);
    EXPECT_EQ(cell(book, 0, 0, 4)->type, CellValue::Type::formula_without_value);
    ASSERT_NE(cell(book, 0, 0, 5), nullptr);
    EXPECT_EQ(cell(book, 0, 0, 5)->type, CellValue::Type::external_reference);
    expect_boolean(cell(book, 0, 0, 6), true);
}

// The file LibreOffice saved from the filled institution template: its flag
// at B9 of the first sheet is TRUE() with the cached 1.
TEST(WorkbookInterop, LibreOfficeXlsxBooleanIsABoolean) {
    const auto book = read_ok(test::read_bytes(data_dir + "boolean-saved-by-libreoffice.xlsx"));
    expect_boolean(cell(book, 0, 8, 1), true);
}

// LibreOffice saves a boolean it read from an .xlsx file into an .ods as
// the formula TRUE() with the float value 1: read as the boolean. Other
// formulas keep their value; a repeated TRUE() cell is a boolean in every
// copy and counts once against the cell limit.
TEST(WorkbookInterop, LibreOfficeOdsTrueFormulaIsABoolean) {
    auto formula_cell = [](const std::string& formula, const std::string& value, const std::string& repeated = "") {
        return "<table:table-cell table:formula=\"" + formula + "\" office:value-type=\"float\" office:value=\"" +
               value + "\" calcext:value-type=\"float\"" + repeated + "><text:p>" + value +
               "</text:p></table:table-cell>";
    };
    const std::string content =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
        "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
        "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
        "xmlns:calcext=\"urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0\" "
        "xmlns:of=\"urn:oasis:names:tc:opendocument:xmlns:of:1.2\" office:version=\"1.3\">"
        "<office:body><office:spreadsheet><table:table table:name=\"submission\"><table:table-row>" +
        formula_cell("of:=TRUE()", "1") + formula_cell("of:=false( )", "0") + formula_cell("of:=1+0", "1") +
        formula_cell("of:=TRUE()", "1", " table:number-columns-repeated=\"2\"") +
        "</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>";
    const std::string bytes = test::build_zip({{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
                                               {"content.xml", content},
                                               {"META-INF/manifest.xml", "<manifest:manifest/>"}});
    const auto book = read_ok(bytes, 5);
    expect_boolean(cell(book, 0, 0, 0), true);
    expect_boolean(cell(book, 0, 0, 1), false);
    ASSERT_NE(cell(book, 0, 0, 2), nullptr);
    EXPECT_EQ(cell(book, 0, 0, 2)->type, CellValue::Type::number);
    EXPECT_EQ(cell(book, 0, 0, 2)->number, 1);
    expect_boolean(cell(book, 0, 0, 3), true);
    expect_boolean(cell(book, 0, 0, 4), true);
}

}  // namespace
}  // namespace lmacheck
