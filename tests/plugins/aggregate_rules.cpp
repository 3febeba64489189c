// Level-3 (aggregate) test rules, one plugin per case (LMACHECK_TEST_CASE,
// see CMakeLists.txt), each into its own directory:
//
//   ordered              test.z-rejects (error on every target) and test.a-counts,
//                        which runs after it (RuleInfo::after) although its id
//                        sorts first, and reports how many submissions of the
//                        target's year accepted_of_year() still gives
//   throw-in-collect     test.aggregate: collect() throws "collect broke"
//   throw-in-check-run   test.aggregate: check_run() throws "check_run broke"
//   aggregate-at-level-1 test.aggregate declares level 1 but is an AggregateCheck
//   after-unknown        test.aggregate runs after test.nope, which does not exist
//   after-cycle          test.a-counts and test.z-rejects each run after the other
//   after-on-level-1     a level-1 rule, test.plain, declares `after`
//   report-on-non-target test.aggregate applies to institutions but reports on
//                        every submission of the run, municipalities too
#include "lmacheck/aggregate.hpp"
#include "lmacheck/plugin.hpp"

#include <memory>
#include <stdexcept>
#include <string_view>

namespace {

using namespace lmacheck;

constexpr std::string_view test_case = LMACHECK_TEST_CASE;

RuleInfo info(const char* id, int level, Severity severity, std::vector<std::string> after = {}) {
    RuleInfo info;
    info.id = id;
    info.level = level;
    info.severity = severity;
    info.description = "a level-3 test rule (" + std::string(test_case) + ")";
    info.description_nl = "een testregel op niveau 3";
    info.messages = {{"found", "found {count}", "gevonden {count}"}};
    info.after = std::move(after);
    return info;
}

class RejectingCheck final : public AggregateCheck {
public:
    explicit RejectingCheck(const Options&) {}
    nlohmann::json collect(const Submission&) const override { return nullptr; }
    void check_run(const RunView& run, RunReporter& reporter) const override {
        for (const RunEntry* target : run.targets()) reporter.report(*target, "found", {{"count", 1}}, {});
    }
};

class CountingCheck final : public AggregateCheck {
public:
    explicit CountingCheck(const Options&) {}
    nlohmann::json collect(const Submission&) const override {
        if (test_case == "throw-in-collect") throw std::runtime_error("collect broke");
        return nullptr;
    }
    void check_run(const RunView& run, RunReporter& reporter) const override {
        if (test_case == "throw-in-check-run") throw std::runtime_error("check_run broke");
        if (test_case == "report-on-non-target") {
            for (const RunEntry* entry : run.run()) reporter.report(*entry, "found", {{"count", 1}}, {});
            return;
        }
        for (const RunEntry* target : run.targets()) {
            const auto accepted = run.accepted_of_year(target->kind, target->reporting_year);
            reporter.report(*target, "found", {{"count", static_cast<long long>(accepted.size())}}, {});
        }
    }
};

class PlainCheck final : public Check {
public:
    explicit PlainCheck(const Options&) {}
    void check(const Submission&, Reporter&) const override {}
};

}  // namespace

LMACHECK_PLUGIN("aggregate-test") {
    if (test_case == "ordered") {
        registry.add(std::make_unique<RuleOf<RejectingCheck>>(info("test.z-rejects", 3, Severity::error)));
        registry.add(std::make_unique<RuleOf<CountingCheck>>(
            info("test.a-counts", 3, Severity::warning, {"test.z-rejects"})));
    } else if (test_case == "after-cycle") {
        registry.add(std::make_unique<RuleOf<RejectingCheck>>(
            info("test.z-rejects", 3, Severity::error, {"test.a-counts"})));
        registry.add(std::make_unique<RuleOf<CountingCheck>>(
            info("test.a-counts", 3, Severity::warning, {"test.z-rejects"})));
    } else if (test_case == "after-on-level-1") {
        registry.add(std::make_unique<RuleOf<PlainCheck>>(info("test.plain", 1, Severity::warning, {"test.aggregate"})));
        registry.add(std::make_unique<RuleOf<CountingCheck>>(info("test.aggregate", 3, Severity::warning)));
    } else {
        const int level = test_case == "aggregate-at-level-1" ? 1 : 3;
        std::vector<std::string> after;
        if (test_case == "after-unknown") after = {"test.nope"};
        RuleInfo rule = info("test.aggregate", level, Severity::warning, after);
        if (test_case == "report-on-non-target") rule.applies_to = Kind::institution;
        registry.add(std::make_unique<RuleOf<CountingCheck>>(std::move(rule)));
    }
}
