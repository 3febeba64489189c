// The rule interface, modelled on clang-tidy checks and ESLint rules: a rule
// declares what it is (id, level, severity, description, message templates in
// English and Dutch, a JSON Schema of its options with defaults) and, once
// configured with options, checks a submission and reports findings at JSON
// Pointers. The engine, not the rule, decides severity overrides, ordering,
// explanations and skipping.
#pragma once

#include "lmacheck/finding.hpp"
#include "lmacheck/submission.hpp"

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lmacheck {

// A message template in both languages. Placeholders are `{name}`; the engine
// fills them from the arguments a rule reports: strings verbatim, integers as
// they are, floating-point numbers with two decimals (decimal comma in Dutch);
// pass a string for any other rendering.
struct MessageTemplate {
    std::string id;
    std::string en;
    std::string nl;
};

struct RuleInfo {
    std::string id;                       // "area.name", stable once shipped
    // 1: within one submission; 2: against Submission::previous(); 3: across
    // a run (an AggregateCheck, lmacheck/aggregate.hpp); 4: against a register
    // (RuleInfo::registers), run like 1; SDK 1.2. Anything else is refused.
    int level = 1;
    Severity severity = Severity::error;  // default severity, a rule set may change it
    std::optional<Kind> applies_to;       // nullopt: both kinds
    std::string description;              // one line, English
    std::string description_nl;           // one line, Dutch
    // JSON Schema (draft 7) of the options object, as JSON text: every property
    // has a "default". Empty for a rule without options.
    std::string options_schema;
    std::vector<MessageTemplate> messages;
    // Level 3 only: the level-3 rules this one runs after, because it reads
    // whom they rejected (RunEntry::rejected). Without it, level-3 rules run
    // in id order and none may rely on another.
    std::vector<std::string> after{};
    // The registers the rule reads (ReferenceData::register_data): without
    // one of them in the data directory the rule is skipped, with that
    // reason. SDK 1.1.
    std::vector<std::string> registers{};
};

// A rule's options, validated against its options schema and completed with
// defaults by the engine before the rule sees them.
class Options {
public:
    explicit Options(nlohmann::json values) : values_(std::move(values)) {}

    double number(const char* name) const { return get(name).get<double>(); }
    long long integer(const char* name) const { return get(name).get<long long>(); }
    bool boolean(const char* name) const { return get(name).get<bool>(); }
    const nlohmann::json& json() const { return values_; }

private:
    const nlohmann::json& get(const char* name) const {
        auto it = values_.find(name);
        if (it == values_.end()) {
            throw std::out_of_range(std::string("option '") + name + "' has no value and no default");
        }
        return *it;
    }
    nlohmann::json values_;
};

using MessageArgs = std::vector<std::pair<std::string, nlohmann::json>>;

// Where a check sends its findings.
class Reporter {
public:
    virtual ~Reporter() = default;
    // `message_id` names one of the rule's MessageTemplates; `expected` and
    // `actual` hold what was compared, as JSON values (numbers unrounded).
    // std::nullopt leaves the key out of the report; a json null reports null.
    virtual void report(std::string path, std::string_view message_id, const MessageArgs& args,
                        std::optional<nlohmann::json> expected = std::nullopt,
                        std::optional<nlohmann::json> actual = std::nullopt) = 0;
};

// A rule configured with its options: read them once, in the constructor.
// The engine calls check() on one Check from several threads at once, so a
// Check does not change after its constructor. A check that cannot do its
// work throws (anything); the engine reports engine.rule-failed and goes on.
class Check {
public:
    virtual ~Check() = default;
    virtual void check(const Submission& submission, Reporter& reporter) const = 0;
};

class Rule {
public:
    virtual ~Rule() = default;
    virtual const RuleInfo& info() const = 0;
    virtual std::unique_ptr<Check> configure(const Options& options) const = 0;
};

// The usual way to define a rule: its metadata plus a Check class whose
// constructor takes the Options.
template <typename CheckType>
class RuleOf final : public Rule {
public:
    explicit RuleOf(RuleInfo info) : info_(std::move(info)) {}
    const RuleInfo& info() const override { return info_; }
    std::unique_ptr<Check> configure(const Options& options) const override {
        return std::make_unique<CheckType>(options);
    }

private:
    RuleInfo info_;
};

// Plugins add their rules here, as clang-tidy modules register their checks.
class RuleRegistry {
public:
    virtual ~RuleRegistry() = default;
    virtual void add(std::unique_ptr<Rule> rule) = 0;
};

}  // namespace lmacheck
