// `lmacheck template`: the empty workbook of a kind and year. What the file
// holds is read from its own XML (tests/workbook/template_tool.py, Python's
// standard library), not through lmacheck's reader; what lmacheck makes of
// it, empty and filled with a sample's figures, through the program. The
// LibreOffice test opens the template in LibreOffice Calc (Debian
// libreoffice-calc-nogui; skipped only where soffice is not installed).
#include "workbook_test_support.hpp"
#include "support/file_bytes.hpp"
#include "support/subprocess.hpp"
#include "support/temp_dir.hpp"
#include "workbook/template_texts.hpp"
#include "workbook/template_writer.hpp"
#include "support/test_paths.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace lmacheck {
namespace {

namespace fs = std::filesystem;
using workbook_test::lmacheck;
using nlohmann::json;

using lmacheck::test_paths::source_dir;


test::ProcessResult template_tool(std::vector<std::string> args) {
    args.insert(args.begin(), (source_dir / "tests/workbook/template_tool.py").string());
    args.insert(args.begin(), PYTHON3_EXE);
    return test::run_process(args, {.timeout = std::chrono::seconds(120)});
}

fs::path make_template(const test::TempDir& dir, const std::string& kind, int year, const std::string& lang) {
    const fs::path file = dir / (kind + "-" + std::to_string(year) + "-" + lang + ".xlsx");
    const auto run = lmacheck({"template", "--kind", kind, "--year", std::to_string(year), "--lang", lang, "--output",
                               file.string()});
    EXPECT_EQ(run.exit_code, 0) << test::describe(run);
    return file;
}

json inspect(const fs::path& file) {
    const auto run = template_tool({"inspect", file.string()});
    EXPECT_EQ(run.exit_code, 0) << run.err;
    return json::parse(run.out);
}

const json& sheet_of(const json& book, const std::string& name) {
    for (const auto& sheet : book["sheets"]) {
        if (sheet["name"] == name) return sheet;
    }
    throw std::runtime_error("no sheet " + name);
}

// The data validation whose range starts at `cell`.
json validation_at(const json& sheet, const std::string& cell) {
    for (const auto& validation : sheet["validations"]) {
        const std::string sqref = validation["sqref"];
        if (sqref == cell || sqref.starts_with(cell + ":")) return validation;
    }
    return nullptr;
}

// The row of a field on a field sheet (column A), as "B<row>".
std::string value_cell(const json& sheet, const std::string& field) {
    for (const auto& [ref, value] : sheet["cells"].items()) {
        if (ref.starts_with("A") && value == field) return "B" + ref.substr(1);
    }
    throw std::runtime_error("no field " + field);
}

// The codes rules/reference/municipalities.json holds for `year`, read here
// on its own terms (rules/reference/README.md: inclusive year ranges).
std::vector<std::string> reference_codes(int year) {
    std::ifstream in(source_dir / "rules/reference/municipalities.json");
    std::set<std::string> codes;
    for (const auto& entry : json::parse(in)) {
        if (entry["valid_from"].get<int>() <= year && year <= entry["valid_to"].get<int>()) codes.insert(entry["code"]);
    }
    return {codes.begin(), codes.end()};
}

json finding_essentials(const std::string& report) {
    json kept = json::array();
    // Named: a range-for over a reference into a temporary would read freed
    // memory (the temporary dies before the loop, ASan's heap-use-after-free).
    const json parsed = json::parse(report);
    for (const auto& finding : parsed.at("submissions").at(0).at("findings")) {
        kept.push_back({{"rule", finding["rule"]},
                        {"severity", finding["severity"]},
                        {"path", finding["path"]},
                        {"explained", finding["explained"]}});
    }
    return kept;
}

TEST(TemplateCli, EmptyTemplateReadsAsTheEnvelopeOfItsKindAndYearWithoutFigures) {
    test::TempDir dir;
    for (const std::string kind : {"institution", "municipality"}) {
        SCOPED_TRACE(kind);
        const fs::path file = make_template(dir, kind, 2019, "nl");
        const auto converted = lmacheck({"convert", file.string(), "--to", "json"});
        ASSERT_EQ(converted.exit_code, 0) << test::describe(converted);
        EXPECT_EQ(converted.err, "");  // no repeated header or field, no value without a header
        json expected{{"format", "lma-submission"}, {"format_version", "1.0"}, {"kind", kind}, {"reporting_year", 2019}};
        // A record sheet with its header alone is an empty list (the
        // schema judges whether one may be empty); field sheets without a
        // value leave their section out.
        if (kind == "institution") {
            expected["locations"] = json::array();
            expected["capacity"] = json::array();
            expected["capacity_totals"] = json::object();
        }
        expected["explanations"] = json::array();
        EXPECT_EQ(json::parse(converted.out), expected);

        const auto report = lmacheck({"validate", file.string(), "--format", "json"});
        EXPECT_EQ(report.exit_code, 1) << report.out;
        const auto findings = json::parse(report.out)["submissions"][0]["findings"];
        ASSERT_FALSE(findings.empty());
        std::set<std::string> rules;
        for (const auto& finding : findings) {
            rules.insert(finding["rule"]);
            EXPECT_EQ(finding["level"], 0) << finding.dump();
            EXPECT_TRUE(finding.contains("cell")) << finding.dump();
        }
        // The schema names what is missing, one finding per problem; the
        // workbook itself is sound.
        EXPECT_EQ(rules, std::set<std::string>{"schema.structure"}) << report.out;
        EXPECT_NE(report.out.find("submitter"), std::string::npos);
        EXPECT_NE(report.out.find("submitted_at"), std::string::npos);
    }
}

TEST(TemplateCli, FinancingDropDownsHoldTheStreamsValidThatYear) {
    test::TempDir dir;
    const std::vector<std::pair<int, std::vector<std::string>>> years{
        {2008, {"zvw", "awbz_b", "awbz_c"}}, {2014, {"zvw", "awbz_b", "awbz_c"}}, {2015, {"zvw", "wlz", "wmo_bw"}},
        {2035, {"zvw", "wlz", "wmo_bw"}}};
    for (const auto& [year, streams] : years) {
        SCOPED_TRACE(year);
        const json book = inspect(make_template(dir, "institution", year, "en"));
        const json capacity = validation_at(sheet_of(book, "capacity"), "B2");
        ASSERT_TRUE(capacity.is_object()) << sheet_of(book, "capacity")["validations"].dump();
        EXPECT_EQ(capacity["type"], "list");
        EXPECT_EQ(capacity["sqref"], "B2:B1048576");
        EXPECT_EQ(capacity["values"], json(streams));
        const json totals = validation_at(sheet_of(book, "capacity_totals"), "A2");
        ASSERT_TRUE(totals.is_object());
        EXPECT_EQ(totals["values"], json(streams));
        EXPECT_EQ(sheet_of(book, "lists")["state"], "hidden");
    }
}

TEST(TemplateCli, MunicipalityDropDownsHoldExactlyTheCodesOfThatYearsReferenceList) {
    test::TempDir dir;
    for (const int year : {2018, 2019}) {
        SCOPED_TRACE(year);
        const auto codes = reference_codes(year);
        ASSERT_GT(codes.size(), 10u);
        const json institution = inspect(make_template(dir, "institution", year, "en"));
        const json locations = validation_at(sheet_of(institution, "locations"), "C2");
        ASSERT_TRUE(locations.is_object());
        EXPECT_EQ(locations["values"], json(codes));
        const json municipality = inspect(make_template(dir, "municipality", year, "nl"));
        const json& envelope = sheet_of(municipality, "submission");
        const json submitter = validation_at(envelope, value_cell(envelope, "submitter.municipality_code"));
        ASSERT_TRUE(submitter.is_object()) << envelope["validations"].dump();
        EXPECT_EQ(submitter["values"], json(codes));
    }
    // Haren (GM0017) merged into Groningen on 1 January 2019.
    EXPECT_TRUE(std::ranges::count(reference_codes(2018), "GM0017") == 1);
    EXPECT_TRUE(std::ranges::count(reference_codes(2019), "GM0017") == 0);
}

TEST(TemplateCli, OtherCodedFieldsHaveTheSchemasChoicesAndNumbersAreChecked) {
    test::TempDir dir;
    const json institution = inspect(make_template(dir, "institution", 2019, "en"));
    EXPECT_EQ(validation_at(sheet_of(institution, "locations"), "D2")["values"],
              json({"GR", "FR", "DR", "OV", "FL", "GE", "UT", "NH", "ZH", "ZE", "NB", "LI"}));
    const json bed_days = validation_at(sheet_of(institution, "capacity"), "D2");
    EXPECT_EQ(bed_days["type"], "whole");
    EXPECT_EQ(bed_days["operator"], "greaterThanOrEqual");
    EXPECT_EQ(validation_at(sheet_of(institution, "capacity"), "E2")["type"], "decimal");  // places
    const json& quality = sheet_of(institution, "clinical_quality");
    const json share = validation_at(quality, value_cell(quality, "closed_ward_share_pct"));
    EXPECT_EQ(share["type"], "decimal");
    EXPECT_EQ(share["formula2"], "100");
    const json municipality = inspect(make_template(dir, "municipality", 2019, "en"));
    const json& policy = sheet_of(municipality, "policy");
    EXPECT_EQ(validation_at(policy, value_cell(policy, "policy_plan"))["values"],
              json({"adopted", "in_preparation", "none_planned"}));
    EXPECT_EQ(validation_at(policy, value_cell(policy, "regional_steering_group"))["values"],
              json({"exists", "planned", "none"}));
}

TEST(TemplateCli, NumberFormatsFollowTheSchemasTypes) {
    test::TempDir dir;
    const json book = inspect(make_template(dir, "institution", 2019, "en"));
    const json& capacity = sheet_of(book, "capacity")["column_formats"];
    EXPECT_EQ(capacity["A"], "@");     // location_id
    EXPECT_EQ(capacity["C"], "0");     // beds_year_end
    EXPECT_EQ(capacity["D"], "0");     // bed_days
    EXPECT_EQ(capacity["E"], "0.00");  // places
    const json& envelope = sheet_of(book, "submission");
    const std::string agb_row = value_cell(envelope, "submitter.agb_code").substr(1);
    EXPECT_EQ(envelope["row_formats"][agb_row], "@");  // leading zeros stay
    const json& fact = sheet_of(book, "fact");
    EXPECT_EQ(fact["row_formats"][value_cell(fact, "teams").substr(1)], "0");
    EXPECT_EQ(fact["row_formats"][value_cell(fact, "fte").substr(1)], "0.00");
}

TEST(TemplateCli, EveryHeaderCellHasACommentInTheChosenLanguage) {
    test::TempDir dir;
    for (const std::string kind : {"institution", "municipality"}) {
        SCOPED_TRACE(kind);
        const json english = inspect(make_template(dir, kind, 2019, "en"));
        const json dutch = inspect(make_template(dir, kind, 2019, "nl"));
        std::size_t headers = 0;
        for (const auto& sheet : english["sheets"]) {
            if (sheet["name"] == "lists") continue;
            const json& dutch_sheet = sheet_of(dutch, sheet["name"]);
            const bool field_sheet = sheet["cells"].value("A1", "") == "field";
            for (const auto& [ref, value] : sheet["cells"].items()) {
                const bool header = ref.ends_with("1") && ref.size() == 2 ? true : field_sheet && ref.starts_with("A");
                if (!header || !value.is_string()) continue;
                ++headers;
                SCOPED_TRACE(sheet["name"].get<std::string>() + "!" + ref);
                ASSERT_TRUE(sheet["comments"].contains(ref));
                ASSERT_TRUE(dutch_sheet["comments"].contains(ref));
                const std::string en = sheet["comments"][ref];
                const std::string nl = dutch_sheet["comments"][ref];
                EXPECT_NE(en, nl);
                for (const char* english_word : {" the ", "Required", "number", "Choose", " or more"}) {
                    EXPECT_EQ(nl.find(english_word), std::string::npos) << nl;
                }
            }
        }
        EXPECT_GT(headers, kind == "institution" ? 60u : 20u);
    }
    const json dutch = inspect(make_template(dir, "institution", 2019, "nl"));
    const std::string bed_days = sheet_of(dutch, "capacity")["comments"]["D1"];
    EXPECT_NE(bed_days.find("Verpleegdagen"), std::string::npos) << bed_days;
    EXPECT_NE(bed_days.find("Een geheel getal, 0 of meer."), std::string::npos) << bed_days;
    const json english = inspect(make_template(dir, "institution", 2019, "en"));
    EXPECT_NE(sheet_of(english, "capacity")["comments"]["D1"].get<std::string>().find("Bed days"), std::string::npos);
}

// Every field of both schemas has its own text in both languages (the
// fallback to the schema's English description is for a changed data
// directory, not for the shipped schemas).
TEST(TemplateLayout, TheTextCatalogKnowsEveryFieldOfBothSchemas) {
    for (const char* kind : {"institution", "municipality"}) {
        std::ifstream in(source_dir / "schemas" / (std::string(kind) + "-1.0.schema.json"));
        const auto sheets = workbook::template_layout(nlohmann::ordered_json::parse(in));
        std::size_t fields = 0;
        for (const auto& sheet : sheets) {
            for (const auto& field : sheet.fields) {
                ++fields;
                const auto text = workbook::field_text(sheet.name, field.path);
                ASSERT_TRUE(text.has_value()) << kind << " " << sheet.name << ":" << field.path;
                EXPECT_STRNE(text->en, text->nl);
            }
        }
        EXPECT_GT(fields, 15u);
    }
}

// The figures of every valid sample, typed into the template, give the
// sample's document and its findings; so do the invalid samples whose
// defect is a value (a drop-down keeps a person from choosing a stream or
// code that is not valid, but a file can still hold one).
TEST(TemplateCli, FilledWithASamplesFiguresItValidatesLikeTheSample) {
    test::TempDir dir;
    std::vector<fs::path> samples;
    for (const auto& entry : fs::directory_iterator(source_dir / "samples/valid")) samples.push_back(entry.path());
    for (const char* invalid : {"financing.valid-for-year.json", "reference.municipality-code.json",
                                "capacity.places-from-bed-days.json"}) {
        samples.push_back(source_dir / "samples/invalid" / invalid);
    }
    std::sort(samples.begin(), samples.end());
    ASSERT_GE(samples.size(), 10u);
    for (const fs::path& sample : samples) {
        SCOPED_TRACE(sample.filename().string());
        std::ifstream in(sample);
        const json document = json::parse(in);
        const fs::path empty = make_template(dir, document["kind"], document["reporting_year"], "nl");
        const fs::path filled = dir / (sample.stem().string() + ".xlsx");
        const auto fill = template_tool({"fill", empty.string(), sample.string(), filled.string()});
        ASSERT_EQ(fill.exit_code, 0) << fill.err;
        const auto back = lmacheck({"convert", filled.string(), "--to", "json"});
        ASSERT_EQ(back.exit_code, 0) << back.err;
        json expected = document;
        if (!expected.contains("explanations")) expected["explanations"] = json::array();  // the sheet is there
        EXPECT_EQ(json::parse(back.out), expected);
        const auto from_json = lmacheck({"validate", sample.string(), "--format", "json"});
        const auto from_xlsx = lmacheck({"validate", filled.string(), "--format", "json"});
        EXPECT_EQ(from_xlsx.exit_code, from_json.exit_code) << from_xlsx.out;
        EXPECT_EQ(finding_essentials(from_xlsx.out), finding_essentials(from_json.out));
    }
}

TEST(TemplateCli, RefusesWhatItCannotWriteWithExit2) {
    test::TempDir dir;
    const auto early = lmacheck({"template", "--kind", "institution", "--year", "2007", "--output", (dir / "a.xlsx").string()});
    EXPECT_EQ(early.exit_code, 2);
    EXPECT_NE(early.err.find("2008 to 2035"), std::string::npos) << early.err;
    EXPECT_EQ(lmacheck({"template", "--kind", "institution", "--year", "2036", "--output", (dir / "a.xlsx").string()})
                  .exit_code,
              2);
    const auto kind = lmacheck({"template", "--kind", "school", "--year", "2019", "--output", (dir / "a.xlsx").string()});
    EXPECT_EQ(kind.exit_code, 2);
    EXPECT_NE(kind.err.find("school"), std::string::npos) << kind.err;
    EXPECT_EQ(lmacheck({"template", "--kind", "institution", "--year", "2019"}).exit_code, 2);  // no --output
    const auto ods = lmacheck({"template", "--kind", "institution", "--year", "2019", "--output", (dir / "a.ods").string()});
    EXPECT_EQ(ods.exit_code, 2);
    EXPECT_NE(ods.err.find("name it FILE.xlsx"), std::string::npos) << ods.err;
    const auto missing = lmacheck({"template", "--kind", "institution", "--year", "2019", "--output",
                                   (dir / "no/such/dir/a.xlsx").string()});
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_NE(missing.err.find("no/such/dir/a.xlsx"), std::string::npos) << missing.err;
    fs::create_directory(dir / "d.xlsx");
    const auto directory = lmacheck({"template", "--kind", "institution", "--year", "2019", "--output",
                                     (dir / "d.xlsx").string()});
    EXPECT_EQ(directory.exit_code, 2);
    EXPECT_NE(directory.err.find("is a directory"), std::string::npos) << directory.err;
    EXPECT_FALSE(fs::exists(dir / "a.xlsx"));
    for (const auto& entry : fs::directory_iterator(dir.path())) {
        if (entry.path() != dir / "d.xlsx") ADD_FAILURE() << "left behind: " << entry.path();
    }
    EXPECT_TRUE(fs::is_empty(dir / "d.xlsx"));
}

// A data directory whose reference list ends before the year asked for: no
// template with an empty municipality list.
void copy_data_dir(const test::TempDir& dir) {
    fs::create_directories(dir / "data");
    fs::copy(source_dir / "schemas", dir / "data/schemas", fs::copy_options::recursive);
    fs::copy(source_dir / "rules", dir / "data/rules", fs::copy_options::recursive);
}

TEST(TemplateCli, AYearTheReferenceListDoesNotCoverIsExit2) {
    test::TempDir dir;
    copy_data_dir(dir);
    const fs::path list = dir / "data/rules/reference/municipalities.json";
    json entries = json::parse(test::read_bytes(list));
    json kept = json::array();
    for (auto& entry : entries) {
        if (entry["valid_from"].get<int>() > 2020) continue;
        entry["valid_to"] = std::min(entry["valid_to"].get<int>(), 2020);
        kept.push_back(entry);
    }
    test::write_bytes(list, kept.dump(2));
    const auto args = [&](int year) {
        return std::vector<std::string>{"template", "--kind", "municipality", "--year", std::to_string(year),
                                        "--data-dir", (dir / "data").string(), "--output",
                                        (dir / ("t" + std::to_string(year) + ".xlsx")).string()};
    };
    EXPECT_EQ(lmacheck(args(2020)).exit_code, 0);
    const auto uncovered = lmacheck(args(2021));
    EXPECT_EQ(uncovered.exit_code, 2);
    EXPECT_NE(uncovered.err.find("holds no municipality code valid in 2021"), std::string::npos) << uncovered.err;
    EXPECT_FALSE(fs::exists(dir / "t2021.xlsx"));
}

// The financing streams follow the rule set the rules judge with: moving
// the end of the AWBZ in the rule set's options moves the drop-down list.
TEST(TemplateCli, FinancingStreamsFollowTheRuleSetsOptions) {
    test::TempDir dir;
    copy_data_dir(dir);
    const fs::path rules = dir / "data/rules/lma-v1.json";
    json rule_set = json::parse(test::read_bytes(rules));
    auto& options = rule_set.at("rules").at("financing.valid-for-year").at("options");
    ASSERT_EQ(options.at("awbz_last_year"), 2014);
    options["awbz_last_year"] = 2016;
    test::write_bytes(rules, rule_set.dump(2));
    const fs::path file = dir / "t.xlsx";
    const auto run = lmacheck({"template", "--kind", "institution", "--year", "2016", "--data-dir",
                               (dir / "data").string(), "--output", file.string()});
    ASSERT_EQ(run.exit_code, 0) << test::describe(run);
    EXPECT_EQ(validation_at(sheet_of(inspect(file), "capacity"), "B2")["values"], json({"zvw", "awbz_b", "awbz_c"}));
}

// --- LibreOffice ---------------------------------------------------------

std::optional<fs::path> find_soffice() {
    const char* path = std::getenv("PATH");
    std::string rest = path != nullptr ? path : "/usr/bin:/bin";
    while (!rest.empty()) {
        const std::size_t colon = rest.find(':');
        const fs::path candidate = fs::path(rest.substr(0, colon)) / "soffice";
        std::error_code ec;
        if (fs::exists(candidate, ec)) return candidate;
        if (colon == std::string::npos) break;
        rest.erase(0, colon + 1);
    }
    return std::nullopt;
}

// soffice --headless with a profile of its own (never the user's, and no
// clash with another soffice), bounded in time.
test::ProcessResult soffice(const fs::path& program, const test::TempDir& dir, std::vector<std::string> args) {
    args.insert(args.begin(), {program.string(), "--headless", "--norestore",
                               "-env:UserInstallation=file://" + (dir / "lo-profile").string()});
    return test::run_process(args, {.cwd = dir.path(), .timeout = std::chrono::seconds(240)});
}

// Every sheet as CSV: LibreOffice 7.4's CSV filter takes the sheet number
// as its 12th token; -1 writes each sheet to FILE-SHEETNAME.csv.
constexpr const char* all_sheets_as_csv = "csv:Text - txt - csv (StarCalc):44,34,UTF8,1,,0,false,true,false,false,false,-1";

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        std::string line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        lines.push_back(line);
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return lines;
}

// The sheets of a workbook as LibreOffice reads them: FILE-SHEET.csv each.
std::map<std::string, std::vector<std::string>> sheets_as_csv(const fs::path& program, const test::TempDir& dir,
                                                              const fs::path& workbook) {
    const fs::path out = dir / ("csv-" + workbook.stem().string());
    const auto exported = soffice(program, dir, {"--convert-to", all_sheets_as_csv, "--outdir", out.string(),
                                                 workbook.string()});
    EXPECT_EQ(exported.exit_code, 0) << test::describe(exported);
    std::map<std::string, std::vector<std::string>> sheets;
    const std::string prefix = workbook.stem().string() + "-";
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(out, ec)) {
        const std::string name = entry.path().stem().string();
        if (name.starts_with(prefix)) sheets[name.substr(prefix.size())] = lines_of(test::read_bytes(entry.path()));
    }
    return sheets;
}

TEST(TemplateLibreOffice, EverySheetOpensAndTheFilledTemplateValidates) {
    const auto program = find_soffice();
    if (!program) {
        GTEST_SKIP() << "soffice (LibreOffice) is not installed: apt-get install --no-install-recommends "
                        "libreoffice-calc-nogui (scripts/setup-debian.sh installs it)";
    }
    test::TempDir dir;
    for (const std::string sample : {"institution-2019.json", "municipality-2019-central.json"}) {
        SCOPED_TRACE(sample);
        const fs::path json_file = source_dir / "samples/valid" / sample;
        const json document = json::parse(test::read_bytes(json_file));
        const std::string kind = document["kind"];
        const fs::path empty = make_template(dir, kind, 2019, "nl");
        const auto layout = workbook::template_layout(
            nlohmann::ordered_json::parse(test::read_bytes(source_dir / "schemas" / (kind + "-1.0.schema.json"))));

        // Each sheet of the template, as LibreOffice reads it.
        const auto sheets = sheets_as_csv(*program, dir, empty);
        for (const auto& sheet : layout) {
            SCOPED_TRACE(sheet.name);
            ASSERT_TRUE(sheets.contains(sheet.name));
            const auto& lines = sheets.at(sheet.name);
            ASSERT_FALSE(lines.empty());
            if (sheet.records) {
                std::string header;
                for (const auto& field : sheet.fields) header += (header.empty() ? "" : ",") + field.path;
                EXPECT_EQ(lines[0], header);
                EXPECT_EQ(lines.size(), 1u);
            } else {
                EXPECT_EQ(lines[0], "field,value");
                ASSERT_EQ(lines.size(), sheet.fields.size() + 1);
                for (std::size_t i = 0; i < sheet.fields.size(); ++i) {
                    EXPECT_TRUE(lines[i + 1].starts_with(sheet.fields[i].path + ",")) << lines[i + 1];
                }
            }
        }
        EXPECT_EQ(sheets.at("submission").at(4), "reporting_year,2019");

        // Filled programmatically: lmacheck reads the sample with its
        // findings, and LibreOffice shows the figures in their places.
        const fs::path filled = dir / ("filled-" + kind + ".xlsx");
        const auto fill = template_tool({"fill", empty.string(), json_file.string(), filled.string()});
        ASSERT_EQ(fill.exit_code, 0) << fill.err;
        const auto from_json = lmacheck({"validate", json_file.string(), "--format", "json"});
        const auto from_xlsx = lmacheck({"validate", filled.string(), "--format", "json"});
        EXPECT_EQ(from_json.exit_code, 0);
        EXPECT_EQ(from_xlsx.exit_code, 0) << from_xlsx.out;
        EXPECT_EQ(finding_essentials(from_xlsx.out), finding_essentials(from_json.out));
        const auto filled_sheets = sheets_as_csv(*program, dir, filled);
        const std::string submitted_at = document["submitted_at"];
        const auto& envelope = filled_sheets.at("submission");
        EXPECT_NE(std::find(envelope.begin(), envelope.end(), "submitted_at," + submitted_at), envelope.end());
        if (kind == "institution") {
            const auto& locations = filled_sheets.at("locations");
            ASSERT_EQ(locations.size(), document["locations"].size() + 1);
            EXPECT_TRUE(locations[1].starts_with(document["locations"][0]["location_id"].get<std::string>() + ","));
        } else {
            const auto& housing = filled_sheets.at("sheltered_housing");
            const std::string clients = "clients," + document["sheltered_housing"]["clients"].dump();
            EXPECT_NE(std::find(housing.begin(), housing.end(), clients), housing.end());
        }
    }
}

// The filled template saved by LibreOffice 7.4 as .xlsx and .ods reads
// back as the sample and validates alike. What LibreOffice writes needed
// the reader's help (reader_interop_test.cpp): an .xlsx boolean is the
// formula TRUE() with a cached boolean, an .ods boolean the formula TRUE()
// with a float value, and every .ods holds a number style (liborcus 0.17
// crashed on it without styles to hand it to).
TEST(TemplateLibreOffice, TheFilledTemplateSavedByLibreOfficeValidatesLikeTheSample) {
    const auto program = find_soffice();
    if (!program) GTEST_SKIP() << "soffice (LibreOffice) is not installed";
    test::TempDir dir;
    for (const std::string sample : {"institution-2019.json", "municipality-2019-central.json"}) {
        SCOPED_TRACE(sample);
        const fs::path json_file = source_dir / "samples/valid" / sample;
        const json document = json::parse(test::read_bytes(json_file));
        const fs::path empty = make_template(dir, document["kind"], 2019, "nl");
        const fs::path filled = dir / ("filled-" + document["kind"].get<std::string>() + ".xlsx");
        ASSERT_EQ(template_tool({"fill", empty.string(), json_file.string(), filled.string()}).exit_code, 0);
        const auto from_json = lmacheck({"validate", json_file.string(), "--format", "json"});
        for (const std::string format : {"xlsx", "ods"}) {
            SCOPED_TRACE(format);
            const fs::path out = dir / ("saved-" + format);
            const auto saved = soffice(*program, dir, {"--convert-to", format, "--outdir", out.string(), filled.string()});
            ASSERT_EQ(saved.exit_code, 0) << test::describe(saved);
            const fs::path resaved = out / (filled.stem().string() + "." + format);
            const auto back = lmacheck({"convert", resaved.string(), "--to", "json"});
            ASSERT_EQ(back.exit_code, 0) << test::describe(back);
            json expected = document;
            if (!expected.contains("explanations")) expected["explanations"] = json::array();
            EXPECT_EQ(json::parse(back.out), expected);
            const auto from_saved = lmacheck({"validate", resaved.string(), "--format", "json"});
            EXPECT_EQ(from_saved.exit_code, from_json.exit_code) << from_saved.out;
            EXPECT_EQ(finding_essentials(from_saved.out), finding_essentials(from_json.out));
        }
    }
}

}  // namespace
}  // namespace lmacheck
