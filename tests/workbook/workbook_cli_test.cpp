// Through the program: `convert` both ways without loss, and the parity of
// every sample's workbook form with its JSON form (the same findings: rule,
// severity, path, explained; each finding's cell holding the value its path
// names).
#include "workbook_test_support.hpp"
#include "support/file_bytes.hpp"
#include "support/sha256.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"
#include "workbook/sheet_reader.hpp"
#include "workbook/submission_file.hpp"
#include "workbook/workbook_document.hpp"
#include "zip_builder.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

namespace lmacheck {
namespace {

namespace fs = std::filesystem;
using workbook_test::lmacheck;


// The samples whose JSON text parses (the document.unreadable and
// duplicate-key samples are about JSON text itself and have no workbook form).
std::vector<fs::path> convertible_samples() {
    std::vector<fs::path> files;
    for (const char* dir : {"valid", "invalid"}) {
        for (const auto& entry : fs::directory_iterator(fs::path(LMACHECK_SOURCE_DIR) / "samples" / dir)) {
            const std::string name = entry.path().filename().string();
            if (entry.path().extension() != ".json" || name.starts_with("document.")) continue;
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

nlohmann::json findings_of(const std::string& report) {
    const auto parsed = nlohmann::json::parse(report);
    return parsed.at("submissions").at(0).at("findings");
}

// The value a cell holds, as the JSON the reader would make of it.
std::optional<nlohmann::json> cell_value(const workbook::Workbook& book, const std::string& where) {
    const auto bang = where.find('!');
    const auto address = workbook::parse_a1(where.substr(bang + 1));
    for (const auto& sheet : book.sheets) {
        if (sheet.name != where.substr(0, bang) || !address) continue;
        const auto it = sheet.cells.find(*address);
        if (it == sheet.cells.end()) return std::nullopt;
        switch (it->second.type) {
            case workbook::CellValue::Type::number: return nlohmann::json(it->second.number);
            case workbook::CellValue::Type::boolean: return nlohmann::json(it->second.boolean);
            case workbook::CellValue::Type::text:
            case workbook::CellValue::Type::date: return nlohmann::json(it->second.text);
            default: return nlohmann::json(nullptr);
        }
    }
    return std::nullopt;
}

const workbook::CellValue* cell_at(const workbook::Workbook& book, const std::string& sheet, workbook::CellAddress at) {
    for (const auto& s : book.sheets) {
        if (s.name != sheet) continue;
        const auto it = s.cells.find(at);
        return it == s.cells.end() ? nullptr : &it->second;
    }
    return nullptr;
}

// The row of record `token` on record sheet `section`: an array's index
// from row 2 on; a totals row by the stream in its `financing` column.
std::optional<std::uint32_t> record_row(const workbook::Workbook& book, const std::string& section,
                                        const std::string& token) {
    if (section != "capacity_totals") return static_cast<std::uint32_t>(std::stoul(token) + 1);
    for (const auto& sheet : book.sheets) {
        if (sheet.name != section) continue;
        for (const auto& [address, value] : sheet.cells) {
            if (address.row > 0 && address.column == 0 && value.text == token) return address.row;
        }
    }
    return std::nullopt;
}

// Checks that `where` (SHEET!CELL) shows what the finding's `pointer` names
// in `original`, without skipping any case:
// - a scalar: the cell holds that value; or, for a key the schema does not
//   know on a record sheet (one finding per column), the cell is the
//   column's header in row 1, naming the key, and the record's row holds the
//   value in that column;
// - the document (""): the submission sheet's A1; a section: its sheet's A1;
// - a record: its row, whose cell under the header of the cell's column
//   holds the record's value for that header;
// - an object inside a field sheet's section: column A of its first
//   field's row, naming a field inside it;
// - a pointer the document does not hold (a key left out): where its parent
//   points.
void expect_cell_shows(const workbook::Workbook& book, const Document& read, const nlohmann::json& original,
                       const std::string& pointer, const std::string& where) {
    SCOPED_TRACE(pointer + " at " + where);
    const auto bang = where.find('!');
    ASSERT_NE(bang, std::string::npos);
    const std::string sheet = where.substr(0, bang);
    const auto address = workbook::parse_a1(where.substr(bang + 1));
    ASSERT_TRUE(address.has_value());
    const nlohmann::json::json_pointer json_pointer(pointer);
    if (!original.contains(json_pointer)) {
        auto parent = json_pointer.parent_pointer();
        while (!parent.empty() && !original.contains(parent)) parent = parent.parent_pointer();
        const auto parent_position = read.position_of(parent.to_string());
        ASSERT_TRUE(parent_position.has_value());
        EXPECT_EQ(where, parent_position->cell) << "a key left out points where its parent does";
        expect_cell_shows(book, read, original, parent.to_string(), parent_position->cell);
        return;
    }
    const nlohmann::json& value = original[json_pointer];
    std::vector<std::string> tokens;
    for (auto p = json_pointer; !p.empty(); p = p.parent_pointer()) tokens.insert(tokens.begin(), p.back());
    // The envelope's object `submitter` is fields of the submission sheet;
    // every other object at the top is a sheet of its own.
    const bool envelope_object = !tokens.empty() && tokens[0] == "submitter";
    const bool record_sheet = !tokens.empty() && workbook::is_record_sheet(tokens[0]);
    if (tokens.empty()) {
        EXPECT_EQ(where, "submission!A1");
    } else if (!value.is_structured()) {
        const auto held = cell_value(book, where);
        if (record_sheet && tokens.size() == 3 && address->row == 0) {
            // An unknown column, reported once at its header.
            EXPECT_EQ(held, nlohmann::json(tokens[2]));
            const auto row = record_row(book, tokens[0], tokens[1]);
            ASSERT_TRUE(row.has_value());
            EXPECT_EQ(cell_value(book, sheet + "!" + workbook::a1({*row, address->column})), value);
        } else {
            ASSERT_TRUE(held.has_value());
            EXPECT_EQ(*held, value);
        }
    } else if (tokens.size() == 1 && !envelope_object) {
        EXPECT_EQ(where, tokens[0] + "!A1");
    } else if (record_sheet && tokens.size() == 2) {
        EXPECT_EQ(sheet, tokens[0]);
        EXPECT_EQ(record_row(book, tokens[0], tokens[1]), address->row);
        const auto* header = cell_at(book, sheet, {0, address->column});
        ASSERT_NE(header, nullptr);
        if (tokens[0] == "capacity_totals" && header->text == "financing") {
            EXPECT_EQ(cell_value(book, where), nlohmann::json(tokens[1]));
        } else {
            ASSERT_TRUE(value.contains(header->text));
            EXPECT_EQ(cell_value(book, where), value[header->text]);
        }
    } else {
        // An object on a field sheet: column A of its first field's row.
        ASSERT_FALSE(record_sheet) << "no finding names an object inside a record";
        const bool envelope = envelope_object;
        EXPECT_EQ(sheet, envelope ? "submission" : tokens[0]);
        EXPECT_EQ(address->column, 0u);
        std::string dotted;
        for (std::size_t i = envelope ? 0 : 1; i < tokens.size(); ++i) {
            if (!dotted.empty()) dotted += '.';
            dotted += tokens[i];
        }
        const auto* field = cell_at(book, sheet, *address);
        ASSERT_NE(field, nullptr);
        EXPECT_TRUE(field->text.starts_with(dotted + ".")) << field->text;
    }
}

TEST(WorkbookCli, EverySampleRoundTripsAndGivesTheSameFindingsAtItsCells) {
    test::TempDir dir;
    const auto samples = convertible_samples();
    ASSERT_GT(samples.size(), 30u);
    for (const fs::path& sample : samples) {
        SCOPED_TRACE(sample.filename().string());
        const fs::path xlsx = dir / (sample.stem().string() + ".xlsx");
        const auto to_xlsx = lmacheck({"convert", sample.string(), "--to", "xlsx", "--output", xlsx.string()});
        ASSERT_EQ(to_xlsx.exit_code, 0) << to_xlsx.err;
        const auto back = lmacheck({"convert", xlsx.string(), "--to", "json"});
        ASSERT_EQ(back.exit_code, 0) << back.err;
        const auto original = nlohmann::json::parse(test::read_bytes(sample));
        EXPECT_EQ(nlohmann::json::parse(back.out), original);

        // xlsx -> JSON -> xlsx: the second workbook reads as the first.
        const fs::path json_again = dir / (sample.stem().string() + ".again.json");
        test::write_bytes(json_again, back.out);
        const fs::path xlsx_again = dir / (sample.stem().string() + ".again.xlsx");
        ASSERT_EQ(lmacheck({"convert", json_again.string(), "--to", "xlsx", "--output", xlsx_again.string()}).exit_code, 0);
        EXPECT_EQ(nlohmann::json::parse(lmacheck({"convert", xlsx_again.string(), "--to", "json"}).out), original);

        const auto json_report = lmacheck({"validate", sample.string(), "--format", "json"});
        const auto xlsx_report = lmacheck({"validate", xlsx.string(), "--format", "json"});
        EXPECT_EQ(json_report.exit_code, xlsx_report.exit_code);
        const auto expected = findings_of(json_report.out);
        const auto got = findings_of(xlsx_report.out);
        ASSERT_EQ(got.size(), expected.size()) << xlsx_report.out;
        const auto book = std::get<workbook::Workbook>(workbook::read_workbook(test::read_bytes(xlsx), {}));
        const Document read = parse_submission(test::read_bytes(xlsx), xlsx.string(), LoadLimits{});
        for (std::size_t i = 0; i < got.size(); ++i) {
            EXPECT_EQ(got[i]["rule"], expected[i]["rule"]);
            EXPECT_EQ(got[i]["severity"], expected[i]["severity"]);
            EXPECT_EQ(got[i]["path"], expected[i]["path"]);
            EXPECT_EQ(got[i]["explained"], expected[i]["explained"]);
            EXPECT_FALSE(got[i].contains("line"));
            ASSERT_TRUE(got[i].contains("cell")) << got[i].dump();
            expect_cell_shows(book, read, original, got[i]["path"], got[i]["cell"]);
        }
    }
}

TEST(WorkbookCli, TextReportNamesTheCell) {
    test::TempDir dir;
    const fs::path sample = fs::path(LMACHECK_SOURCE_DIR) / "samples/invalid/capacity.places-from-bed-days.json";
    const fs::path xlsx = dir / "jaaropgave-2020.xlsx";
    ASSERT_EQ(lmacheck({"convert", sample.string(), "--to", "xlsx", "--output", xlsx.string()}).exit_code, 0);
    const auto text = lmacheck({"validate", xlsx.string()});
    EXPECT_EQ(text.exit_code, 1);
    // places is the fifth column (E); record 0 is row 2.
    EXPECT_NE(text.out.find(xlsx.string() + ":capacity!E2: error: "), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("[capacity.places-from-bed-days] at /capacity/0/places"), std::string::npos);
    const auto dutch = lmacheck({"validate", xlsx.string(), "--lang", "nl"});
    EXPECT_NE(dutch.out.find(":capacity!E2: "), std::string::npos) << dutch.out;
    const auto sarif = nlohmann::json::parse(lmacheck({"validate", xlsx.string(), "--format", "sarif"}).out);
    const auto& logical = sarif["runs"][0]["results"][0]["locations"][0]["logicalLocations"];
    EXPECT_EQ(logical[1]["fullyQualifiedName"], "capacity!E2");
}

// A sheet name comes from the file: a newline or ESC in it must not forge a
// line of convert's warnings, nor reach the terminal (the text report's
// cells: TextReport.SheetNameInACellIsPrintable).
TEST(WorkbookCli, SheetNameWithControlCharactersIsPrintedEscaped) {
    test::TempDir dir;
    const fs::path bad = dir / "bad.xlsx";
    // XML 1.0 allows no ESC (U+001B), not even as &#27; (the part check
    // refuses the part), but it allows a line feed and the C1 control CSI
    // (U+009B), which some terminals take as ESC [.
    test::write_bytes(bad, test::build_zip(test::xlsx_parts(
                               "a&#10;forged error&#x9B;(0", "<row r=\"1\"><c r=\"B1\" t=\"s\"><v>7</v></c></row>", {"x"})));
    const auto converted = lmacheck({"convert", bad.string(), "--to", "json"});
    EXPECT_NE(converted.exit_code, 0);
    EXPECT_NE(converted.err.find("a\\u000Aforged error\\u009B(0!B1"), std::string::npos) << converted.err;
    EXPECT_EQ(converted.err.find("\xc2\x9b"), std::string::npos) << converted.err;
    EXPECT_EQ(converted.err.find("\nforged"), std::string::npos) << converted.err;
}

TEST(WorkbookCli, DirectoriesHoldJsonAndWorkbooksButNotExcelLockFiles) {
    test::TempDir dir;
    const fs::path sample = fs::path(LMACHECK_SOURCE_DIR) / "samples/valid/institution-2019.json";
    fs::copy_file(sample, dir / "a.json");
    ASSERT_EQ(lmacheck({"convert", sample.string(), "--to", "xlsx", "--output", (dir / "b.xlsx").string()}).exit_code, 0);
    test::write_bytes(dir / "~$b.xlsx", "owner lock");
    const auto run = lmacheck({"validate", dir.path().string(), "--format", "json"});
    const auto report = nlohmann::json::parse(run.out);
    ASSERT_EQ(report["submissions"].size(), 2u);
    EXPECT_EQ(report["submissions"][1]["file"], (dir.path() / "b.xlsx").string());
}

TEST(WorkbookCli, UnreadableWorkbookIsRejectedWithOneFinding) {
    test::TempDir dir;
    test::write_bytes(dir / "x.xlsx", "not a workbook");
    const auto run = lmacheck({"validate", (dir / "x.xlsx").string(), "--format", "json"});
    EXPECT_EQ(run.exit_code, 1);
    const auto findings = findings_of(run.out);
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_EQ(findings[0]["rule"], "document.unreadable");
    EXPECT_NE(findings[0]["message"].get<std::string>().find("zip archive"), std::string::npos);
}

}  // namespace
}  // namespace lmacheck

namespace lmacheck {
namespace {

// accept keeps the workbook's own bytes (its SHA-256 is the file's); export
// gives its JSON form.
TEST(WorkbookCli, AcceptStoresTheWorkbookAndExportGivesItsJsonForm) {
    test::TempDir dir;
    const fs::path sample = fs::path(LMACHECK_SOURCE_DIR) / "samples/valid/institution-2019.json";
    const fs::path xlsx = dir / "jaaropgave-2019.xlsx";
    ASSERT_EQ(lmacheck({"convert", sample.string(), "--to", "xlsx", "--output", xlsx.string()}).exit_code, 0);
    const fs::path store = dir / "store.db";
    const auto accept = lmacheck({"accept", xlsx.string(), "--store", store.string()});
    ASSERT_EQ(accept.exit_code, 0) << accept.out << accept.err;
    const auto exported = lmacheck({"export", "--store", store.string(), "--year", "2019"});
    ASSERT_EQ(exported.exit_code, 0) << exported.err;
    const auto line = nlohmann::json::parse(exported.out);
    EXPECT_EQ(line["submission"], nlohmann::json::parse(test::read_bytes(sample)));
    EXPECT_EQ(line["sha256"], test::sha256_hex(test::read_bytes(xlsx)));
}

}  // namespace
}  // namespace lmacheck

namespace lmacheck {
namespace {

// The committed workbooks of samples/workbook (scripts/make-sample-workbooks.sh)
// give exactly the findings (rule, severity, path, cell, message) a fresh
// conversion of their JSON sample gives, and convert back to that sample.
TEST(WorkbookSamples, CommittedWorkbooksGiveTheFindingsOfAFreshConversion) {
    test::TempDir dir;
    const fs::path root(LMACHECK_SOURCE_DIR);
    std::istringstream sources(test::read_bytes(root / "samples/workbook/SOURCES"));
    int compared = 0;
    for (std::string source; std::getline(sources, source);) {
        if (source.empty()) continue;
        SCOPED_TRACE(source);
        const fs::path json = root / "samples" / source;
        const fs::path committed = root / "samples/workbook" / fs::path(source).replace_extension(".xlsx");
        const fs::path fresh = dir / fs::path(source).filename().replace_extension(".xlsx");
        ASSERT_EQ(lmacheck({"convert", json.string(), "--to", "xlsx", "--output", fresh.string()}).exit_code, 0);
        const auto a = lmacheck({"validate", committed.string(), "--format", "json"});
        const auto b = lmacheck({"validate", fresh.string(), "--format", "json"});
        EXPECT_EQ(a.exit_code, b.exit_code);
        auto strip = [](nlohmann::json findings) {
            for (auto& f : findings) f.erase("related");
            return findings;
        };
        EXPECT_EQ(strip(findings_of(a.out)), strip(findings_of(b.out)));
        EXPECT_EQ(nlohmann::json::parse(lmacheck({"convert", committed.string(), "--to", "json"}).out),
                  nlohmann::json::parse(test::read_bytes(json)));
        ++compared;
    }
    EXPECT_GE(compared, 10);
}

}  // namespace
}  // namespace lmacheck

namespace lmacheck {
namespace {

// A generated year (tools/generate-batch.py, with planted defects): every
// file with a workbook form round-trips JSON -> xlsx -> JSON, and the
// workbooks, validated together, get the findings of the JSON files
// validated together (level 3 included). A JSON file whose text is the
// defect (unreadable, a duplicate key) has no workbook form.
TEST(WorkbookCli, AGeneratedYearRoundTripsAndGivesTheSameFindings) {
    test::TempDir dir;
    const auto generated = test::run_process({PYTHON3_EXE, std::string(LMACHECK_SOURCE_DIR) + "/tools/generate-batch.py",
                                              (dir / "batch").string(), "--years", "2019", "--institutions", "15",
                                              "--municipalities", "15", "--defects", "0.5", "--seed", "11"});
    ASSERT_EQ(generated.exit_code, 0) << generated.err;
    fs::create_directories(dir / "xlsx");
    fs::create_directories(dir / "json");
    int converted = 0;
    for (const auto& entry : fs::directory_iterator(dir / "batch/2019")) {
        const auto probe = lmacheck({"validate", "--data-dir", (dir / "batch/data").string(), "--format", "json",
                                     entry.path().string()});
        const auto findings = findings_of(probe.out);
        const bool text_defect = std::any_of(findings.begin(), findings.end(), [](const nlohmann::json& f) {
            return f["rule"].get<std::string>().starts_with("document.");
        });
        if (text_defect) continue;
        fs::copy_file(entry.path(), dir / "json" / entry.path().filename());
        const fs::path xlsx = dir / "xlsx" / entry.path().filename().replace_extension(".xlsx");
        ASSERT_EQ(lmacheck({"convert", entry.path().string(), "--to", "xlsx", "--output", xlsx.string()}).exit_code, 0)
            << entry.path();
        EXPECT_EQ(nlohmann::json::parse(lmacheck({"convert", xlsx.string(), "--to", "json"}).out),
                  nlohmann::json::parse(test::read_bytes(entry.path())))
            << entry.path();
        ++converted;
    }
    EXPECT_GE(converted, 20);
    const auto json_run = lmacheck({"validate", "--data-dir", (dir / "batch/data").string(), "--format", "json",
                                    (dir / "json").string()});
    const auto xlsx_run = lmacheck({"validate", "--data-dir", (dir / "batch/data").string(), "--format", "json",
                                    (dir / "xlsx").string()});
    EXPECT_EQ(json_run.exit_code, xlsx_run.exit_code);
    const auto a = nlohmann::json::parse(json_run.out)["submissions"];
    const auto b = nlohmann::json::parse(xlsx_run.out)["submissions"];
    ASSERT_EQ(a.size(), b.size());
    int with_findings = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        ASSERT_EQ(a[i]["findings"].size(), b[i]["findings"].size()) << a[i]["file"];
        for (std::size_t k = 0; k < a[i]["findings"].size(); ++k) {
            for (const char* field : {"rule", "severity", "path", "explained", "message"}) {
                EXPECT_EQ(a[i]["findings"][k][field], b[i]["findings"][k][field]) << a[i]["file"] << " " << field;
            }
        }
        with_findings += a[i]["findings"].empty() ? 0 : 1;
    }
    EXPECT_GE(with_findings, 5);
}

}  // namespace
}  // namespace lmacheck

namespace lmacheck {
namespace {

// liborcus 0.17 is not safe on two threads at once: `validate --jobs 2`
// over the sample workbooks died of SIGSEGV inside orcus_xlsx::read_workbook
// in 9 of 40 runs (each a fresh process: the race is in the library's first
// use). Readers now take turns; 40 runs must all end normally.
TEST(WorkbookCli, ParallelJobsReadWorkbooksWithoutCrashing) {
    const std::string workbooks = std::string(LMACHECK_SOURCE_DIR) + "/samples/workbook";
    for (int run = 0; run < 40; ++run) {
        const auto r = lmacheck({"validate", "--jobs", "2", "--format", "json", workbooks});
        ASSERT_LE(r.exit_code, 1) << "run " << run << " ended with " << r.exit_code << "\n" << r.err;
    }
}

}  // namespace
}  // namespace lmacheck
