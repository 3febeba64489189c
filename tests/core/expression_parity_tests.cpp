// Parity: the catalog rules re-expressed as expression rules
// (tests/data/parity-expressions.json) give the same findings (severity,
// path, expected, actual) as the plugin rules, on every sample and on a
// generated national batch with planted defects, the level-2 rule included
// (with an in-memory store of the earlier year).
//
// `expected` differs in form only: the contract gives an expression rule's
// `expected` as "OP RIGHT", while a catalog rule that compares for equality
// reports the computed value alone. So the value is compared, and the
// operator too where the catalog rule reports a bound ("<= 6").
#include "engine/engine.hpp"
#include "engine/pipeline.hpp"
#include "support/file_bytes.hpp"
#include "support/generated_batch.hpp"
#include "support/temp_dir.hpp"
#include "support/test_paths.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace lmacheck {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

using test_paths::source_dir;

struct Counterpart {
    std::string plugin_rule;
    bool bound;  // the catalog rule reports "OP VALUE" as expected
};

// Which catalog rule each parity rule re-expresses.
const std::map<std::string, Counterpart>& counterparts() {
    static const std::map<std::string, Counterpart> map{
        {"parity.places-from-bed-days", {"capacity.places-from-bed-days", false}},
        {"parity.dbc-subtotal-min-0-1799", {"dbc.category-sum", false}},
        {"parity.dbc-subtotal-min-1800-5999", {"dbc.category-sum", false}},
        {"parity.dbc-subtotal-min-6000-plus", {"dbc.category-sum", false}},
        {"parity.dbc-total", {"dbc.category-sum", false}},
        {"parity.fact-certified", {"fact.certified-within-teams", true}},
        {"parity.fact-empty-fte", {"fact.empty-teams", false}},
        {"parity.fact-empty-clients", {"fact.empty-teams", false}},
        {"parity.clients-total", {"clients.partition", false}},
        {"parity.clients-epa", {"clients.partition", true}},
        {"parity.totals-beds-year-end", {"capacity.totals-match-locations", false}},
        {"parity.totals-bed-days", {"capacity.totals-match-locations", false}},
        {"parity.totals-places", {"capacity.totals-match-locations", false}},
        {"parity.totals-clients", {"capacity.totals-match-locations", true}},
        {"parity.fact-teams-drop", {"history.fact-teams-drop", false}},
    };
    return map;
}

std::string number_text(const Json& value) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.17g", value.get<double>());
    return buffer;
}

// "OP VALUE" -> {OP, VALUE}; a plain number -> {"", VALUE}.
std::pair<std::string, std::string> split_expected(const Json& expected) {
    if (expected.is_number()) return {"", number_text(expected)};
    const std::string text = expected.get<std::string>();
    const auto space = text.find(' ');
    return {text.substr(0, space), number_text(Json::parse(text.substr(space + 1)))};
}

// One finding as both sides must agree on it, under the catalog rule's id.
std::string key_of(const std::string& rule, const Finding& f, bool bound) {
    const auto [op, value] = split_expected(f.expected.value_or(Json()));
    return rule + " " + f.path + " " + std::string(to_string(f.severity)) + " expected " + (bound ? op + " " : "") +
           value + " actual " + number_text(f.actual.value_or(Json())) + " ";
}

// The catalog rule's findings the parity rules cover: all, except the
// stream-level findings of capacity.totals-match-locations (a stream missing
// from the totals, a total without records), which compare no sums.
bool covered(const Finding& f) {
    if (f.rule != "capacity.totals-match-locations") return true;
    return std::count(f.path.begin(), f.path.end(), '/') == 3;
}

// The previous accepted submission of each submitter: the given documents.
class MemoryStore final : public AcceptedSubmissions {
public:
    void add(const Json& document) {
        AcceptedDocument accepted;
        accepted.submission.kind = *parse_kind(document.at("kind").get<std::string>());
        const char* id_key = accepted.submission.kind == Kind::institution ? "agb_code" : "municipality_code";
        accepted.submission.submitter_id = document.at("submitter").at(id_key).get<std::string>();
        accepted.submission.reporting_year = document.at("reporting_year").get<int>();
        accepted.document = document;
        documents_.push_back(std::move(accepted));
    }
    std::optional<AcceptedSubmission> current(Kind, std::string_view, int) const override { return std::nullopt; }
    std::optional<AcceptedDocument> previous(Kind kind, std::string_view id, int year) const override {
        const AcceptedDocument* best = nullptr;
        for (const AcceptedDocument& d : documents_) {
            if (d.submission.kind != kind || d.submission.submitter_id != id || d.submission.reporting_year >= year) continue;
            if (best == nullptr || d.submission.reporting_year > best->submission.reporting_year) best = &d;
        }
        if (best == nullptr) return std::nullopt;
        return *best;
    }
    std::vector<AcceptedDocument> current_of_year(Kind, int) const override { return {}; }

private:
    std::vector<AcceptedDocument> documents_;
};

// The shipped rule set plus the parity rules, in a temporary file.
std::string parity_rule_set(const fs::path& data_dir) {
    Json set = Json::parse(test::read_bytes(data_dir / "rules" / "lma-v1.json"));
    set["expressions"] = Json::parse(test::read_bytes(source_dir / "tests" / "data" / "parity-expressions.json"));
    return set.dump(2);
}

struct Tally {
    std::size_t files = 0;
    std::size_t compared = 0;
    std::map<std::string, std::size_t> by_rule;  // catalog findings per rule, to see every rule was exercised
};

// Judges every file once with both kinds of rules and compares them; returns
// the files the run accepted.
std::vector<std::string> expect_parity(const fs::path& data_dir, const std::vector<fs::path>& files, const MemoryStore& previous_years,
                   Tally& tally) {
    test::TempDir dir;
    const fs::path ruleset = dir.write("parity.json", parity_rule_set(data_dir));
    EngineOptions options;
    options.data_dir = data_dir;
    options.plugin_dirs = {LMACHECK_PLUGIN_DIR};
    options.ruleset_file = ruleset;
    options.store = std::make_shared<MemoryStore>(previous_years);
    const Engine engine(options);
    std::vector<std::string> accepted;
    for (const fs::path& file : files) {
        const SubmissionReport report = judge_bytes(engine, test::read_bytes(file), file.filename().string());
        std::vector<std::string> plugin;
        std::vector<std::string> expression;
        for (const Finding& f : report.findings) {
            if (f.rule == "engine.rule-failed") {
                ADD_FAILURE() << file << ": " << f.message;
            }
            if (auto it = counterparts().find(f.rule); it != counterparts().end()) {
                expression.push_back(key_of(it->second.plugin_rule, f, it->second.bound));
                continue;
            }
            for (const auto& [id, counterpart] : counterparts()) {
                if (counterpart.plugin_rule != f.rule || !covered(f)) continue;
                // A catalog rule with several parity rules: its bound-ness is
                // per message, so take the parity rule that reports this path.
                const bool bound = f.expected && f.expected->is_string();
                plugin.push_back(key_of(f.rule, f, bound));
                ++tally.by_rule[f.rule];
                break;
            }
        }
        std::sort(plugin.begin(), plugin.end());
        std::sort(expression.begin(), expression.end());
        EXPECT_EQ(plugin, expression) << file;
        ++tally.files;
        tally.compared += plugin.size();
        if (report.accepted()) accepted.push_back(file.string());
    }
    return accepted;
}

std::vector<fs::path> json_files(const fs::path& dir) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

TEST(ExpressionParity, EverySample) {
    MemoryStore store;
    for (const fs::path& file : json_files(source_dir / "samples" / "history" / "2018")) {
        store.add(Json::parse(test::read_bytes(file)));
    }
    Tally tally;
    expect_parity(source_dir, json_files(source_dir / "samples"), store, tally);
    EXPECT_GT(tally.files, 40u);
    // Each re-expressed catalog rule found something on its invalid sample.
    for (const char* rule : {"capacity.places-from-bed-days", "dbc.category-sum", "fact.certified-within-teams",
                             "fact.empty-teams", "clients.partition", "capacity.totals-match-locations"}) {
        EXPECT_GT(tally.by_rule[rule], 0u) << rule;
    }
}

TEST(ExpressionParity, GeneratedBatchWithPlantedDefects) {
    const fs::path batch = test::generated_batch("expression-parity");
    ASSERT_EQ(test::missing_generated_batch("expression-parity"), "");
    Tally tally;
    const std::vector<std::string> accepted = expect_parity(batch / "data", json_files(batch / "2018"), MemoryStore(), tally);
    // The generator plants no defect across years, so the store plants one:
    // every third accepted institution had two more certified FACT teams
    // (and teams) the year before, a drop history.fact-teams-drop reports.
    MemoryStore store;
    std::size_t institutions = 0;
    for (const std::string& file : accepted) {
        Json document = Json::parse(test::read_bytes(file));
        if (document.at("kind") == "institution" && institutions++ % 3 == 0) {
            Json& fact = document.at("fact");
            fact["certified_teams"] = fact.at("certified_teams").get<long long>() + 2;
            fact["teams"] = fact.at("teams").get<long long>() + 2;
        }
        store.add(document);
    }
    expect_parity(batch / "data", json_files(batch / "2019"), store, tally);
    EXPECT_GT(tally.compared, 20u);
    for (const char* rule : {"capacity.places-from-bed-days", "dbc.category-sum", "fact.certified-within-teams",
                             "fact.empty-teams", "clients.partition", "capacity.totals-match-locations",
                             "history.fact-teams-drop"}) {
        EXPECT_GT(tally.by_rule[rule], 0u) << rule;
    }
}

// Each thread evaluates the expression rules with its own parsers (the
// rule keeps a pool of them): a run on two jobs reports exactly what a run
// on one does.
std::vector<std::string> findings_of_run(const Engine& engine, const std::vector<InputFile>& inputs, unsigned jobs) {
    std::vector<std::string> out;
    for (const SubmissionReport& submission : judge_run(engine, inputs, jobs).submissions) {
        for (const Finding& f : submission.findings) {
            out.push_back(submission.file + " " + f.rule + " " + f.path + " " + f.message + " " +
                          (f.expected ? f.expected->dump() : "-") + " " + (f.actual ? f.actual->dump() : "-"));
        }
    }
    return out;
}

TEST(ExpressionParity, TwoJobsReportWhatOneJobDoes) {
    const fs::path batch = test::generated_batch("expression-parity");
    ASSERT_EQ(test::missing_generated_batch("expression-parity"), "");
    test::TempDir dir;
    EngineOptions options;
    options.data_dir = batch / "data";
    options.plugin_dirs = {LMACHECK_PLUGIN_DIR};
    options.ruleset_file = dir.write("parity.json", parity_rule_set(batch / "data"));
    options.store = std::make_shared<MemoryStore>();
    const Engine engine(options);
    const std::vector<InputFile> inputs = collect_inputs({(batch / "2018").string(), (batch / "2019").string()});
    const std::vector<std::string> one = findings_of_run(engine, inputs, 1);
    const std::size_t expression_findings = std::count_if(one.begin(), one.end(), [](const std::string& line) {
        return line.find(" parity.") != std::string::npos;
    });
    EXPECT_GT(expression_findings, 20u);
    EXPECT_EQ(findings_of_run(engine, inputs, 2), one);
}

}  // namespace
}  // namespace lmacheck
