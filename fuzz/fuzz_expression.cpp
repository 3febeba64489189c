// libFuzzer target for expression rules (docs/rules.md, rules/README.md): an
// expression rule and a document, through the loader and the evaluator.
// Loading must either work or throw a ConfigError naming the rule set;
// checking must either work or throw a std::exception (engine.rule-failed
// for that rule and submission). Any other exception, a crash, a hang,
// undefined behaviour or a finding without a valid JSON Pointer is a finding.
//
// Input: the rule (one `expressions` entry, JSON), the byte 0x1E, then the
// document (JSON), which is also the previous submission, so that
// `previous` is exercised. scripts/fuzz.sh seeds the corpus with the rules of
// rules/examples/extra-checks.json on the samples.
#include "expression/expression_rule.hpp"
#include "fuzz_support.hpp"
#include "model/config_error.hpp"

#include <muParserError.h>
#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>

namespace {

[[noreturn]] void fail(const char* what, const std::string& detail) {
    lmacheck::fuzz::fail("fuzz_expression", what, detail);
}

class NoReference final : public lmacheck::ReferenceData {
public:
    const lmacheck::Municipality* municipality(std::string_view, int) const override { return nullptr; }
};

// Every finding must point somewhere a report can name.
class CheckingReporter final : public lmacheck::Reporter {
public:
    void report(std::string path, std::string_view message_id, const lmacheck::MessageArgs&,
                std::optional<nlohmann::json> expected, std::optional<nlohmann::json> actual) override {
        if (!path.empty() && path.front() != '/') fail("a finding's path is no JSON Pointer", path);
        if (message_id != lmacheck::expression::finding_message) fail("unknown message id", std::string(message_id));
        if (!expected || !expected->is_string() || !actual || !actual->is_number()) {
            fail("expected must be \"OP RIGHT\" and actual a number", path);
        }
    }
};

nlohmann::json parse_or_discard(const std::string& text) {
    return nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string input(reinterpret_cast<const char*>(data), size);
    const std::size_t separator = input.find('\x1e');
    const nlohmann::json entry = parse_or_discard(input.substr(0, separator));
    if (entry.is_discarded()) return 0;
    nlohmann::json document = separator == std::string::npos ? nlohmann::json::object()
                                                              : parse_or_discard(input.substr(separator + 1));
    if (document.is_discarded()) return 0;

    std::unique_ptr<lmacheck::expression::ExpressionRule> rule;
    try {
        rule = std::make_unique<lmacheck::expression::ExpressionRule>(
            lmacheck::expression::read_definition(entry, "fuzz.json", 0));
    } catch (const lmacheck::ConfigError&) {
        return 0;  // refused with a message: what the loader is for
    } catch (const std::exception& e) {
        fail("the loader threw something other than a ConfigError", e.what());
    }

    const NoReference reference;
    const lmacheck::PreviousSubmission previous(document, 2018);
    const lmacheck::Submission submission(document, lmacheck::Kind::institution, 2019, reference, &previous);
    const auto check = rule->configure(lmacheck::Options(nlohmann::json::object()));
    CheckingReporter reporter;
    try {
        check->check(submission, reporter);
    } catch (const std::exception&) {
        // engine.rule-failed for this rule and submission
    } catch (const mu::ParserError& e) {
        // Not a std::exception: the engine would report an unknown exception
        // without naming the match. evaluate() must translate it.
        fail("a muparser error escaped the evaluation", e.GetMsg());
    }
    return 0;
}
