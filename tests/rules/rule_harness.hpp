// Test harness for level-1 rules: options from a rule's own schema defaults,
// an in-memory reference list, a reporter that records what a rule reports,
// and minimal valid submissions that tests mutate into bad cases.
#pragma once

#include "lmacheck/reference.hpp"
#include "lmacheck/rule.hpp"

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace lmacheck::ruletest {

using nlohmann::json;

// Every level-1 rule of the plugins, freshly made, in catalog order.
std::vector<std::unique_ptr<Rule>> all_rules();

// The defaults of the rule's options schema with `overrides` on top; an
// override must name a property of the schema (a typo fails the test).
Options options_for(const Rule& rule, const json& overrides = json::object());

// The reference list the tests run against. Valid 2008..2035 unless noted:
//   GM0363 Amsterdam          NH  central      region Amsterdam
//   GM0362 Amstelveen         NH  not central  region Amsterdam
//   GM0344 Utrecht            UT  central      region Utrecht
//   GM0865 Vught              NB  not central  region 's-Hertogenbosch
//   GM0796 's-Hertogenbosch   NB  central      region 's-Hertogenbosch
//   GM0599 Rotterdam          ZH  central      region Rotterdam
//   GM0393 Haarlemmerliede en Spaarnwoude, NH, not central, region Haarlem,
//          valid 2008..2018 only (merged into Haarlemmermeer in 2019)
class FakeReference final : public ReferenceData {
public:
    FakeReference();
    const Municipality* municipality(std::string_view code, int year) const override;

private:
    struct Period {
        int from = 0;
        int to = 0;
        Municipality municipality;
    };
    void add(int from, int to, Municipality municipality);
    std::unordered_map<std::string, std::vector<Period>> by_code_;
};

const FakeReference& reference();

// One call of Reporter::report.
struct Reported {
    std::string path;
    std::string message_id;
    MessageArgs args;
    std::optional<json> expected;
    std::optional<json> actual;

    // The argument named `name`; fails the test and returns null when absent.
    json arg(std::string_view name) const;
};

void PrintTo(const Reported& reported, std::ostream* os);

class RecordingReporter final : public Reporter {
public:
    void report(std::string path, std::string_view message_id, const MessageArgs& args, std::optional<json> expected,
                std::optional<json> actual) override;
    std::vector<Reported> reports;
};

// Configures `rule` with its defaults plus `overrides`, runs it on `document`
// (kind and reporting year read from the document) and returns what it
// reported. Also fails the test when a report breaks the rule's own contract:
// a message id the rule does not declare, arguments that differ from the
// template's placeholders, a path that does not resolve in the document, or
// no expected/actual value.
std::vector<Reported> run(const Rule& rule, const json& document, const json& overrides = json::object());
inline std::vector<Reported> run(const std::unique_ptr<Rule>& rule, const json& document,
                                 const json& overrides = json::object()) {
    return run(*rule, document, overrides);
}

// (path, message id) of each report, for compact assertions.
using Hits = std::vector<std::pair<std::string, std::string>>;
Hits hits(const std::vector<Reported>& reports);

// A minimal institution submission that every rule accepts. Years up to 2014
// use awbz_b/awbz_c where later years use wlz/wmo_bw, and years before 2014
// have no basis_ggz_trajectories.
json valid_institution(int year = 2017);

// A municipality submission of Amsterdam (central) that every rule accepts.
json valid_municipality(int year = 2017);

// The `{name}` placeholders of a message template, in order of appearance.
std::vector<std::string> placeholders(std::string_view text);

}  // namespace lmacheck::ruletest
