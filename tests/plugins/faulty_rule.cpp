// One plugin source, built once per fault (LMACHECK_TEST_FAULT, see
// CMakeLists.txt), each into its own directory. Every build registers one
// level-1 rule, test.faulty, for both kinds, which reports nothing unless its
// fault says otherwise:
//
//   bad-severity         the rule declares a severity that is none of error, warning, info
//   bad-level-0/-3/-7    the rule declares level 0, 3 or 7 (a plugin rule has level 1 or 2)
//   hang                 check() never returns
//   segfault             check() writes to address 16 (SIGSEGV)
//   abort                check() calls std::abort() (SIGABRT)
//   exit                 check() calls std::exit(0)
//   terminate            check() calls std::terminate()
//   throw-in-name        lmacheck_plugin_name() throws 42
//   throw-in-register    lmacheck_register_rules() throws 42
//   throw-in-constructor the check's constructor throws 42
//   throw-in-check       check() throws 42
//   many-findings        check() reports one warning per location, a million times over (option "repeat")
//
// The exports are written out (not LMACHECK_PLUGIN) so that the name
// function can throw too.
#include "lmacheck/plugin.hpp"

#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <memory>
#include <string_view>
#include <thread>

namespace {

using namespace lmacheck;

constexpr std::string_view fault = LMACHECK_TEST_FAULT;

class FaultyCheck final : public Check {
public:
    explicit FaultyCheck(const Options& options) {
        if (fault == "throw-in-constructor") throw 42;
        if (fault == "many-findings") repeat_ = options.integer("repeat");
    }

    void check(const Submission& submission, Reporter& reporter) const override {
        if (fault == "hang") {
            while (true) std::this_thread::sleep_for(std::chrono::seconds(1));
        }
        if (fault == "segfault") {
            // Not a null pointer: UBSan would stop at that before the fault
            // (sanitizer builds). Address 16 is never mapped.
            volatile std::uintptr_t address = 16;
            *reinterpret_cast<volatile int*>(address) = 1;
        }
        if (fault == "abort") std::abort();
        if (fault == "exit") std::exit(0);
        if (fault == "terminate") std::terminate();
        if (fault == "throw-in-check") throw 42;
        if (fault == "many-findings") {
            const nlohmann::json& locations = submission.document().at("locations");
            for (long long r = 0; r < repeat_; ++r) {
                for (std::size_t i = 0; i < locations.size(); ++i) {
                    reporter.report("/locations/" + std::to_string(i), "found", {});
                }
            }
        }
    }

private:
    long long repeat_ = 0;
};

RuleInfo faulty_info() {
    RuleInfo info;
    info.id = "test.faulty";
    info.level = 1;
    info.severity = Severity::warning;
    info.description = "a faulty rule (test plugin: " + std::string(fault) + ")";
    info.description_nl = "een defecte regel (testplugin)";
    info.messages = {{"found", "found by the faulty rule", "gevonden door de defecte regel"}};
    if (fault == "bad-severity") info.severity = static_cast<Severity>(7);
    if (fault == "bad-level-0") info.level = 0;
    if (fault == "bad-level-3") info.level = 3;
    if (fault == "bad-level-7") info.level = 7;
    if (fault == "many-findings") {
        info.options_schema = R"({"type": "object", "properties": {"repeat": {"type": "integer", "default": 1000000}}})";
    }
    return info;
}

}  // namespace

LMACHECK_PLUGIN_EXPORT const char* lmacheck_build_fingerprint() { return LMACHECK_BUILD_FINGERPRINT; }

LMACHECK_PLUGIN_EXPORT const char* lmacheck_plugin_name() {
    if (fault == "throw-in-name") throw 42;
    return "faulty";
}

LMACHECK_PLUGIN_EXPORT void lmacheck_register_rules(lmacheck::RuleRegistry& registry) {
    if (fault == "throw-in-register") throw 42;
    registry.add(std::make_unique<lmacheck::RuleOf<FaultyCheck>>(faulty_info()));
}
