#include "support/report_contract.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

namespace lmacheck::test {

using nlohmann::json;

namespace {

// The report's finding order, written independently of the program: JSON
// Pointer tokens one by one, array indices (all digits) as numbers; then
// rule id; then message.
std::vector<std::string> tokens(const std::string& pointer) {
    std::vector<std::string> parts;
    std::size_t start = 1;
    while (start <= pointer.size()) {
        const std::size_t end = std::min(pointer.find('/', start), pointer.size());
        parts.push_back(pointer.substr(start, end - start));
        start = end + 1;
    }
    return parts;
}

bool is_index(const std::string& token) {
    return !token.empty() && std::all_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int compare_paths(const std::string& a, const std::string& b) {
    const std::vector<std::string> x = tokens(a), y = tokens(b);
    for (std::size_t i = 0; i < std::min(x.size(), y.size()); ++i) {
        if (x[i] == y[i]) continue;
        if (is_index(x[i]) && is_index(y[i]) && x[i].size() != y[i].size()) return x[i].size() < y[i].size() ? -1 : 1;
        return x[i] < y[i] ? -1 : 1;
    }
    return x.size() == y.size() ? 0 : (x.size() < y.size() ? -1 : 1);
}

bool finding_before(const json& a, const json& b) {
    if (const int c = compare_paths(a.at("path"), b.at("path")); c != 0) return c < 0;
    if (a.at("rule") != b.at("rule")) return a.at("rule").get<std::string>() < b.at("rule").get<std::string>();
    return a.at("message").get<std::string>() < b.at("message").get<std::string>();
}

void expect_sorted(const json& submission) {
    const json& findings = submission.at("findings");
    for (std::size_t i = 1; i < findings.size(); ++i) {
        EXPECT_FALSE(finding_before(findings[i], findings[i - 1]))
            << submission.at("file") << ": finding " << i << " " << findings[i].dump() << "\nshould come before\n"
            << findings[i - 1].dump();
    }
}

bool is_lower_hex_sha256(const json& value) {
    if (!value.is_string()) return false;
    const std::string text = value.get<std::string>();
    return text.size() == 64 &&
           std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

void expect_keys(const json& object, const std::set<std::string>& keys, const std::string& what) {
    std::set<std::string> actual;
    for (const auto& [key, value] : object.items()) actual.insert(key);
    EXPECT_EQ(actual, keys) << what << ": " << object.dump();
}

}  // namespace

json parse_report(const std::string& text, const std::string& what) {
    json report = json::parse(text, nullptr, false);
    if (!report.is_discarded()) return report;
    ADD_FAILURE() << what << " is not a JSON document:\n" << text;
    return nullptr;
}

json report_of(const ProcessResult& run) {
    json report = json::parse(run.out, nullptr, false);
    if (!report.is_discarded()) return report;
    ADD_FAILURE() << "stdout is not a JSON document\n" << describe(run);
    return nullptr;
}

std::vector<std::string> rules_of(const json& submission) {
    std::vector<std::string> rules;
    for (const json& f : submission.at("findings")) rules.push_back(f.at("rule").get<std::string>());
    return rules;
}

// One finding of the JSON report (report-and-cli.md, "JSON report").
void check_finding_shape(const json& f) {
    SCOPED_TRACE(f.dump());
    ASSERT_TRUE(f.is_object());
    for (const char* key : {"rule", "severity", "level", "path", "message", "explained"}) {
        ASSERT_TRUE(f.contains(key)) << "finding lacks " << key;
    }
    EXPECT_TRUE(f.at("rule").is_string() && !f.at("rule").get<std::string>().empty());
    const std::set<std::string> severities = {"error", "warning", "info"};
    EXPECT_TRUE(f.at("severity").is_string() && severities.contains(f.at("severity").get<std::string>()));
    ASSERT_TRUE(f.at("level").is_number_integer());
    EXPECT_GE(f.at("level").get<int>(), 0);
    EXPECT_LE(f.at("level").get<int>(), 4);  // 4: against a register (docs/decisions.md, "Registers")
    ASSERT_TRUE(f.at("path").is_string());
    const std::string path = f.at("path");
    EXPECT_TRUE(path.empty() || path.front() == '/');
    EXPECT_TRUE(f.at("message").is_string() && !f.at("message").get<std::string>().empty());
    EXPECT_TRUE(f.at("explained").is_boolean());
    if (f.at("explained") == true) {
        EXPECT_EQ(f.at("severity"), "warning") << "only warnings can be explained";
    }
    if (f.contains("explanation")) {  // the submitter's text, on explained warnings only (issue 12)
        EXPECT_EQ(f.at("explained"), true) << "an explanation text on a finding that is not explained";
        EXPECT_TRUE(f.at("explanation").is_string());
    }
    EXPECT_EQ(f.contains("line"), f.contains("column")) << "line and column come together";
    if (f.contains("line")) {
        EXPECT_TRUE(f.at("line").is_number_integer() && f.at("line").get<long long>() >= 1);
        EXPECT_TRUE(f.at("column").is_number_integer() && f.at("column").get<long long>() >= 1);
    }
    if (f.at("level") != 3) {
        EXPECT_FALSE(f.contains("related")) << "related is for level-3 findings only";
        EXPECT_FALSE(f.contains("score")) << "score ranks level-3 (plausibility) findings only";
    }
    if (f.contains("score")) {
        EXPECT_TRUE(f.at("score").is_number() && f.at("score").get<double>() >= 0) << "score is a number >= 0";
    }
}

// One submission: keys, types, counts consistent with the findings, status
// consistent with the counts, findings in report order.
void check_submission_shape(const json& s) {
    SCOPED_TRACE(s.contains("file") ? s.at("file").dump() : s.dump());
    ASSERT_TRUE(s.is_object());
    for (const char* key : {"file", "sha256", "kind", "submitter_id", "reporting_year", "ruleset", "status", "counts",
                            "findings", "skipped_rules"}) {
        ASSERT_TRUE(s.contains(key)) << "submission lacks " << key;
    }
    EXPECT_TRUE(s.at("file").is_string());
    EXPECT_TRUE(s.at("sha256").is_null() || is_lower_hex_sha256(s.at("sha256"))) << s.at("sha256");
    EXPECT_TRUE(s.at("kind").is_null() || s.at("kind").is_string());
    EXPECT_TRUE(s.at("submitter_id").is_null() || s.at("submitter_id").is_string());
    // submitter_name (issue 12): the document's submitter.name, or null.
    EXPECT_TRUE(s.contains("submitter_name")) << "submission lacks submitter_name";
    EXPECT_TRUE(s.value("submitter_name", json()).is_null() || s.at("submitter_name").is_string());
    EXPECT_TRUE(s.at("reporting_year").is_null() || s.at("reporting_year").is_number_integer());
    EXPECT_TRUE(s.at("ruleset").is_string());
    EXPECT_TRUE(s.at("status") == "accepted" || s.at("status") == "rejected") << s.at("status");

    const json& counts = s.at("counts");
    expect_keys(counts, {"error", "warning", "info", "explained"}, "counts");
    ASSERT_TRUE(s.at("findings").is_array());
    std::map<std::string, int> tally = {{"error", 0}, {"warning", 0}, {"info", 0}, {"explained", 0}};
    for (const json& f : s.at("findings")) {
        check_finding_shape(f);
        if (f.value("explained", false)) {
            ++tally["explained"];
        } else if (f.contains("severity") && f.at("severity").is_string()) {
            ++tally[f.at("severity").get<std::string>()];
        }
    }
    for (const auto& [key, count] : tally) {
        EXPECT_EQ(counts.value(key, -1), count) << "counts." << key << " disagrees with the findings";
    }
    EXPECT_EQ(s.at("status"), counts.value("error", 0) == 0 ? "accepted" : "rejected");
    expect_sorted(s);

    ASSERT_TRUE(s.at("skipped_rules").is_array());
    for (const json& skipped : s.at("skipped_rules")) {
        expect_keys(skipped, {"rule", "reason"}, "skipped rule");
        EXPECT_TRUE(skipped.value("rule", json()).is_string() && skipped.value("reason", json()).is_string());
    }
    // Level-1 rules never run on a document with a structural (level-0)
    // finding; engine.rule-failed is level 0 too, but comes from a rule that ran.
    bool structural = false;
    for (const json& f : s.at("findings")) {
        structural = structural || (f.value("level", -1) == 0 && f.value("rule", "") != "engine.rule-failed");
    }
    if (structural) {
        for (const json& f : s.at("findings")) EXPECT_EQ(f.value("level", -1), 0) << f.dump();
    }
}

// The whole report: top-level keys, every submission, the summary.
void check_report_shape(const json& report) {
    ASSERT_TRUE(report.is_object());
    expect_keys(report, {"report_version", "tool", "submissions", "summary"}, "report");
    EXPECT_EQ(report.value("report_version", json()), "1.0");
    ASSERT_TRUE(report.contains("tool"));
    EXPECT_EQ(report.at("tool").value("name", json()), "lmacheck");
    EXPECT_TRUE(report.at("tool").value("version", json()).is_string());
    ASSERT_TRUE(report.contains("submissions") && report.at("submissions").is_array());

    int accepted = 0, rejected = 0, errors = 0, warnings = 0, explained = 0, info = 0;
    for (const json& s : report.at("submissions")) {
        check_submission_shape(s);
        ++(s.value("status", "") == "accepted" ? accepted : rejected);
        errors += s.at("counts").value("error", 0);
        warnings += s.at("counts").value("warning", 0);
        explained += s.at("counts").value("explained", 0);
        info += s.at("counts").value("info", 0);
    }
    ASSERT_TRUE(report.contains("summary"));
    const json& summary = report.at("summary");
    expect_keys(summary,
                {"submissions", "accepted", "rejected", "errors", "warnings", "explained", "info", "max_warnings_exceeded"},
                "summary");
    EXPECT_EQ(summary.value("submissions", -1), static_cast<int>(report.at("submissions").size()));
    EXPECT_EQ(summary.value("accepted", -1), accepted);
    EXPECT_EQ(summary.value("rejected", -1), rejected);
    EXPECT_EQ(summary.value("errors", -1), errors);
    EXPECT_EQ(summary.value("warnings", -1), warnings);
    EXPECT_EQ(summary.value("explained", -1), explained);
    EXPECT_EQ(summary.value("info", -1), info);
    EXPECT_TRUE(summary.value("max_warnings_exceeded", json()).is_boolean());
}

}  // namespace lmacheck::test
