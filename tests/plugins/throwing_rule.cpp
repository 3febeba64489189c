// A valid plugin with two level-1 rules for both kinds of submission:
//   test.throws   throws std::runtime_error("boom") from every check;
//   test.reports  reports one warning at /reporting_year.
// The engine must turn the exception into an engine.rule-failed finding and
// still run test.reports (and every other rule).
#include "lmacheck/plugin.hpp"

#include <memory>
#include <stdexcept>

namespace {

using namespace lmacheck;

class ThrowingCheck final : public Check {
public:
    explicit ThrowingCheck(const Options& /*options*/) {}
    void check(const Submission& /*submission*/, Reporter& /*reporter*/) const override {
        throw std::runtime_error("boom");
    }
};

class ReportingCheck final : public Check {
public:
    explicit ReportingCheck(const Options& /*options*/) {}
    void check(const Submission& submission, Reporter& reporter) const override {
        reporter.report("/reporting_year", "reported", {{"year", std::to_string(submission.reporting_year())}});
    }
};

RuleInfo info(const char* id, Severity severity, const char* en, const char* nl,
              std::vector<MessageTemplate> messages) {
    RuleInfo result;
    result.id = id;
    result.level = 1;
    result.severity = severity;
    result.applies_to = std::nullopt;
    result.description = en;
    result.description_nl = nl;
    result.messages = std::move(messages);
    return result;
}

}  // namespace

LMACHECK_PLUGIN("throwing-rule") {
    registry.add(std::make_unique<RuleOf<ThrowingCheck>>(
        info("test.throws", Severity::error, "always throws (test plugin)", "gooit altijd (testplugin)", {})));
    registry.add(std::make_unique<RuleOf<ReportingCheck>>(
        info("test.reports", Severity::warning, "always reports one warning (test plugin)",
             "meldt altijd een waarschuwing (testplugin)",
             {{"reported", "test warning for {year}", "testwaarschuwing voor {year}"}})));
}
