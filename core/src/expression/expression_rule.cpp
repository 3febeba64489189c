#include "expression/expression_rule.hpp"

#include "expression/arithmetic.hpp"
#include "lmacheck/numeric.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace lmacheck::expression {
namespace {

using Json = nlohmann::json;

// A number as the report and the messages show it: an integral value as an
// integer (66, not 66.0, as a count in a plugin rule), anything else as a double.
Json number_json(double value) {
    constexpr double exact_integers = 9007199254740992.0;  // 2^53
    if (std::trunc(value) == value && std::fabs(value) < exact_integers) return static_cast<long long>(value);
    return value;
}

// One thread's compiled expressions over their own values (muparser reads
// variables through pointers, so a parser serves one evaluation at a time).
struct Evaluator {
    explicit Evaluator(const RuleDefinition& rule) : values(rule.bindings.size(), 0.0) {
        const std::vector<std::string> names = rule.names();
        if (!rule.when.empty()) when = std::make_unique<Arithmetic>(rule.when, names, values.data());
        left = std::make_unique<Arithmetic>(rule.left, names, values.data());
        right = std::make_unique<Arithmetic>(rule.right, names, values.data());
    }
    std::vector<double> values;  // never resized: the parsers point into it
    std::unique_ptr<Arithmetic> when;
    std::unique_ptr<Arithmetic> left;
    std::unique_ptr<Arithmetic> right;
};

bool holds(Comparison op, double left, double right, double tolerance) {
    switch (op) {
        case Comparison::equal: return within_tolerance(left, right, tolerance);
        case Comparison::not_equal: return !within_tolerance(left, right, tolerance);
        case Comparison::less: return left < right;
        case Comparison::less_equal: return left <= right + slack;
        case Comparison::greater: return left > right;
        case Comparison::greater_equal: return left >= right - slack;
    }
    return false;
}

std::string substitute_match(const std::string& wanted, const Match& match) {
    if (wanted == "{key}") return match.key;
    if (wanted == "{index}") return std::to_string(match.index);
    return wanted;
}

// What an aggregate gathers over the items it takes.
struct Stats {
    double sum = 0;
    double count = 0;
    std::optional<double> min;
    std::optional<double> max;

    void add(const Json* value) {
        if (value == nullptr || value->is_null()) return;
        ++count;
        const auto number = numeric_value(value);
        if (!number) return;
        sum += *number;
        min = min ? std::min(*min, *number) : *number;
        max = max ? std::max(*max, *number) : *number;
    }

    std::optional<double> result(Binding::Source source) const {
        switch (source) {
            case Binding::Source::sum: return sum;
            case Binding::Source::count: return count;
            case Binding::Source::min: return min;
            case Binding::Source::max: return max;
            default: return std::nullopt;
        }
    }
};

// Calls visit(item, value below it) for each item of the aggregate's `*`.
// False when the container of the `*` does not resolve: then the aggregate
// is missing, like a `let` pointer that does not resolve (an empty array or
// object is there, and sums to 0).
template <typename Visit>
bool for_each_item(const Binding& binding, const Json& document, const Match& match, Visit visit) {
    const auto star = std::find(binding.pointer.tokens.begin(), binding.pointer.tokens.end(), wildcard);
    const Json& start = binding.pointer.absolute ? document : *match.value;
    const Json* container = follow(start, {binding.pointer.tokens.begin(), star});
    if (container == nullptr || !(container->is_array() || container->is_object())) return false;
    const std::vector<std::string> below(star + 1, binding.pointer.tokens.end());
    for (const Json& item : *container) visit(item, follow(item, below));
    return true;
}

// The texts of an item's `where` fields, in the binding's order; nullopt
// when one is absent or no string (such an item never matches).
std::optional<std::vector<std::string>> where_texts(const Binding& binding, const Json& item) {
    std::vector<std::string> texts;
    texts.reserve(binding.where.size());
    for (const auto& [field, wanted] : binding.where) {
        const Json* value = follow(item, field);
        if (value == nullptr || !value->is_string()) return std::nullopt;
        texts.push_back(value->get<std::string>());
    }
    return texts;
}

std::vector<std::string> wanted_texts(const Binding& binding, const Match& match) {
    std::vector<std::string> texts;
    texts.reserve(binding.where.size());
    for (const auto& [field, wanted] : binding.where) texts.push_back(substitute_match(wanted, match));
    return texts;
}

// An aggregate over an absolute pointer reads the same items for every
// match; only the texts its `where` wants change (`{key}`). So one pass per
// submission groups the items by their `where` texts, and each match looks
// its group up: for_each over n streams with an aggregate over m records
// costs n + m, not n * m.
using Groups = std::map<std::vector<std::string>, Stats>;

struct Grouped {
    bool container_found = false;
    Groups groups;
};

Grouped group_items(const Binding& binding, const Json& document) {
    Grouped grouped;
    const Match root{"", &document, "", 0};
    grouped.container_found = for_each_item(binding, document, root, [&](const Json& item, const Json* value) {
        if (auto texts = where_texts(binding, item)) grouped.groups[std::move(*texts)].add(value);
    });
    return grouped;
}

// The aggregates of one check() call, grouped on first use.
class AggregateCache {
public:
    explicit AggregateCache(std::size_t bindings) : groups_(bindings) {}

    std::optional<double> value(std::size_t index, const Binding& binding, const Json& document, const Match& match) {
        if (!binding.pointer.absolute) {
            // Relative to the match: different items for every match.
            Stats stats;
            const std::vector<std::string> wanted = wanted_texts(binding, match);
            const bool found = for_each_item(binding, document, match, [&](const Json& item, const Json* value) {
                const auto texts = where_texts(binding, item);
                if (texts && *texts == wanted) stats.add(value);
            });
            if (!found) return std::nullopt;
            return stats.result(binding.source);
        }
        std::optional<Grouped>& grouped = groups_[index];
        if (!grouped) grouped = group_items(binding, document);
        if (!grouped->container_found) return std::nullopt;
        const auto found = grouped->groups.find(wanted_texts(binding, match));
        return found == grouped->groups.end() ? Stats{}.result(binding.source) : found->second.result(binding.source);
    }

private:
    std::vector<std::optional<Grouped>> groups_;
};

std::optional<double> value_of(std::size_t index, const Binding& binding, const Submission& submission,
                               const Match& match, AggregateCache& aggregates) {
    const Json& document = submission.document();
    switch (binding.source) {
        case Binding::Source::value: {
            const Json& start = binding.pointer.absolute ? document : *match.value;
            return numeric_value(follow(start, binding.pointer.tokens));
        }
        case Binding::Source::previous: {
            // The same place in the previous submission: an absolute pointer
            // as written, a relative one below the match's pointer.
            const PreviousSubmission* previous = submission.previous();
            if (previous == nullptr) return std::nullopt;
            const PointerSpec whole = parse_pointer(pointer_from(match, binding.pointer));
            return numeric_value(follow(previous->document(), whole.tokens));
        }
        default: return aggregates.value(index, binding, document, match);
    }
}

class ExpressionCheck final : public Check {
public:
    explicit ExpressionCheck(std::shared_ptr<const RuleDefinition> rule) : rule_(std::move(rule)) {}

    void check(const Submission& submission, Reporter& reporter) const override {
        Lease lease(*this);
        const Json& document = submission.document();
        const Match root{"", &document, "", 0};
        const std::vector<Match> matches = rule_->for_each ? expand(document, root, *rule_->for_each)
                                                           : std::vector<Match>{root};
        AggregateCache aggregates(rule_->bindings.size());
        for (const Match& match : matches) check_match(submission, match, *lease.evaluator, aggregates, reporter);
    }

private:
    // Borrows an evaluator from the pool for one check() call.
    class Lease {
    public:
        explicit Lease(const ExpressionCheck& owner) : owner_(owner) {
            {
                const std::lock_guard<std::mutex> lock(owner_.mutex_);
                if (!owner_.pool_.empty()) {
                    evaluator = std::move(owner_.pool_.back());
                    owner_.pool_.pop_back();
                }
            }
            if (!evaluator) evaluator = std::make_unique<Evaluator>(*owner_.rule_);
        }
        ~Lease() {
            const std::lock_guard<std::mutex> lock(owner_.mutex_);
            owner_.pool_.push_back(std::move(evaluator));
        }
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        std::unique_ptr<Evaluator> evaluator;

    private:
        const ExpressionCheck& owner_;
    };

    double finite(const Arithmetic& expression, const char* key, const Match& match) const {
        const std::string where = match.pointer.empty() ? std::string("the document") : match.pointer;
        double value = 0.0;
        try {
            value = expression.evaluate();
        } catch (const std::exception& e) {
            throw std::runtime_error(std::string(key) + " `" + expression.text() + "` failed at " + where + ": " +
                                     e.what());
        }
        if (!std::isfinite(value)) {
            throw std::domain_error(std::string(key) + " `" + expression.text() + "` is not a finite number at " + where);
        }
        return value;
    }

    void check_match(const Submission& submission, const Match& match, Evaluator& evaluator,
                     AggregateCache& aggregates, Reporter& reporter) const {
        for (std::size_t i = 0; i < rule_->bindings.size(); ++i) {
            const auto value = value_of(i, rule_->bindings[i], submission, match, aggregates);
            if (!value && !rule_->missing_is_zero) return;
            evaluator.values[i] = value.value_or(0.0);
        }
        if (evaluator.when && finite(*evaluator.when, "when", match) == 0.0) return;
        const double left = finite(*evaluator.left, "check.left", match);
        const double right = finite(*evaluator.right, "check.right", match);
        if (holds(rule_->op, left, right, rule_->tolerance)) return;
        MessageArgs args;
        for (std::size_t i = 0; i < rule_->bindings.size(); ++i) {
            args.emplace_back(rule_->bindings[i].name, number_json(evaluator.values[i]));
        }
        args.emplace_back("left", number_json(left));
        args.emplace_back("right", number_json(right));
        args.emplace_back("key", match.key);
        args.emplace_back("index", static_cast<long long>(match.index));
        const std::string path = rule_->path ? pointer_from(match, *rule_->path) : match.pointer;
        reporter.report(path, finding_message, args, bound(to_string(rule_->op), number_json(right)),
                        number_json(left));
    }

    std::shared_ptr<const RuleDefinition> rule_;
    mutable std::mutex mutex_;
    mutable std::vector<std::unique_ptr<Evaluator>> pool_;
};

}  // namespace

ExpressionRule::ExpressionRule(RuleDefinition definition)
    : definition_(std::make_shared<const RuleDefinition>(std::move(definition))) {
    const RuleDefinition& rule = *definition_;
    info_.id = rule.id;
    info_.level = rule.uses_previous() ? 2 : 1;
    info_.severity = rule.severity;
    info_.applies_to = rule.applies_to;
    info_.description = rule.description_en;
    info_.description_nl = rule.description_nl;
    info_.messages = {{finding_message, rule.message_en, rule.message_nl}};
}

std::unique_ptr<Check> ExpressionRule::configure(const Options&) const {
    return std::make_unique<ExpressionCheck>(definition_);
}

}  // namespace lmacheck::expression
