#include "expression/rule_definition.hpp"

#include "expression/arithmetic.hpp"
#include "model/config_error.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace lmacheck::expression {
namespace {

using Json = nlohmann::json;

const std::set<std::string> rule_keys{"id",   "applies_to", "severity", "description", "for_each", "let",
                                      "missing", "when",    "check",    "path",        "message"};
const std::set<std::string> check_keys{"left", "op", "right", "tolerance"};
const std::set<std::string> aggregate_keys{"sum", "count", "min", "max"};
// Names the message templates give besides the `let` names.
const std::set<std::string> message_names{"left", "right", "key", "index"};
// A message template longer than this is refused when the rule set loads.
constexpr std::size_t max_message_length = 2000;

class EntryReader {
public:
    EntryReader(const Json& entry, std::string file, std::size_t index)
        : entry_(entry), file_(std::move(file)), at_("/expressions/" + std::to_string(index)) {}

    // "rule set FILE: expression rule ID (/expressions/N): KEY: what"
    [[noreturn]] void fail(const std::string& key, const std::string& what) const {
        std::string rule = id_.empty() ? "expression rule at " + at_ : "expression rule " + id_ + " (" + at_ + ")";
        throw ConfigError("rule set " + file_ + ": " + rule + ": " + (key.empty() ? "" : key + ": ") + what);
    }

    [[noreturn]] void fail_expression(const std::string& key, const ExpressionError& e) const {
        fail(key, std::string(e.what()) + (e.position() > 0 ? " (at character " + std::to_string(e.position()) + ")" : ""));
    }

    RuleDefinition read() {
        if (!entry_.is_object()) fail("", "is not an object");
        // The id first, so that every later message names the rule.
        if (entry_.contains("id")) id_ = text("id", entry_["id"]);
        check_keys_of(entry_, rule_keys, "");
        for (const char* key : {"id", "severity", "description", "check", "message"}) {
            if (!entry_.contains(key)) fail(key, "is missing");
        }
        RuleDefinition rule;
        rule.file = file_;
        rule.id = read_id();
        if (entry_.contains("applies_to")) {
            const auto kind = parse_kind(text("applies_to", entry_["applies_to"]));
            if (!kind) fail("applies_to", "must be institution or municipality");
            rule.applies_to = kind;
        }
        const auto severity = parse_severity(text("severity", entry_["severity"]));
        if (!severity) fail("severity", "must be error, warning or info");
        rule.severity = *severity;
        std::tie(rule.description_en, rule.description_nl) = both_languages("description", entry_["description"]);
        for (const std::string* line : {&rule.description_en, &rule.description_nl}) {
            if (line->find('\n') != std::string::npos) fail("description", "must be one line");
        }
        if (entry_.contains("for_each")) {
            rule.for_each = pointer("for_each", entry_["for_each"]);
            if (rule.for_each->wildcards() > 1) fail("for_each", "may hold one `*`, not several");
        }
        if (entry_.contains("let")) read_bindings(entry_["let"], rule);
        if (entry_.contains("missing")) {
            const std::string missing = text("missing", entry_["missing"]);
            if (missing != "skip" && missing != "zero") fail("missing", "must be skip or zero");
            rule.missing_is_zero = missing == "zero";
        }
        read_check(entry_["check"], rule);
        if (entry_.contains("when")) {
            rule.when = text("when", entry_["when"]);
            if (rule.when.empty()) fail("when", "the expression is empty");
        }
        if (entry_.contains("path")) {
            rule.path = pointer("path", entry_["path"]);
            if (rule.path->wildcards() > 0) fail("path", "may not hold `*`");
        }
        std::tie(rule.message_en, rule.message_nl) = both_languages("message", entry_["message"]);
        check_placeholders(rule, "message/en", rule.message_en);
        check_placeholders(rule, "message/nl", rule.message_nl);
        compile_all(rule);
        return rule;
    }

private:
    std::string text(const std::string& key, const Json& value) const {
        if (!value.is_string()) fail(key, "must be a string, got " + std::string(value.type_name()));
        return value.get<std::string>();
    }

    void check_keys_of(const Json& object, const std::set<std::string>& known, const std::string& prefix) const {
        for (const auto& [key, value] : object.items()) {
            if (known.count(key) == 0) fail(prefix + key, "unknown key");
        }
    }

    // Dot-separated parts of lower-case letters, digits, - and _, each
    // starting with a letter or digit; at least two parts.
    static bool is_rule_id(const std::string& id) {
        if (id.empty() || id.size() > 100 || id.find('.') == std::string::npos) return false;
        bool part_start = true;
        for (char c : id) {
            const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (c == '.') {
                if (part_start) return false;
                part_start = true;
            } else if (alnum || (!part_start && (c == '-' || c == '_'))) {
                part_start = false;
            } else {
                return false;
            }
        }
        return !part_start;
    }

    static bool is_let_name(const std::string& name) {
        if (name.empty() || name.size() > 64 || std::isalpha(static_cast<unsigned char>(name.front())) == 0) return false;
        return std::all_of(name.begin(), name.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        });
    }

    std::string read_id() const {
        if (!is_rule_id(id_)) {
            fail("id", "'" + id_ + "' is not of the form area.name (lower-case letters, digits, - and _)");
        }
        return id_;
    }

    std::pair<std::string, std::string> both_languages(const std::string& key, const Json& value) const {
        if (!value.is_object()) fail(key, "must be an object with en and nl");
        check_keys_of(value, {"en", "nl"}, key + "/");
        for (const char* language : {"en", "nl"}) {
            if (!value.contains(language)) fail(key + "/" + language, "is missing");
        }
        std::string en = text(key + "/en", value["en"]);
        std::string nl = text(key + "/nl", value["nl"]);
        if (en.empty()) fail(key + "/en", "is empty");
        if (nl.empty()) fail(key + "/nl", "is empty");
        return {std::move(en), std::move(nl)};
    }

    PointerSpec pointer(const std::string& key, const Json& value) const {
        const std::string written = text(key, value);
        try {
            return parse_pointer(written);
        } catch (const std::invalid_argument& e) {
            fail(key, "'" + written + "' is not a valid JSON Pointer: " + e.what());
        }
    }

    void read_bindings(const Json& let, RuleDefinition& rule) const {
        if (!let.is_object()) fail("let", "must be an object of name -> pointer or aggregate");
        for (const auto& [name, value] : let.items()) {
            const std::string key = "let/" + name;
            if (!is_let_name(name)) {
                fail(key, "'" + name + "' is no name: a letter, then letters, digits and _ (at most 64)");
            }
            if (is_function_name(name) || message_names.count(name) != 0) {
                fail(key, "'" + name + "' is reserved (a function, or a name the messages give)");
            }
            rule.bindings.push_back(read_binding(name, key, value));
        }
    }

    Binding read_binding(const std::string& name, const std::string& key, const Json& value) const {
        Binding binding{name, Binding::Source::value, {}, {}};
        if (value.is_string()) {
            binding.pointer = pointer(key, value);
            if (binding.pointer.wildcards() > 0) {
                fail(key, "`*` is allowed only in an aggregate (sum, count, min, max)");
            }
            return binding;
        }
        if (!value.is_object()) fail(key, "must be a pointer or an object (an aggregate or previous)");
        if (value.contains("previous")) {
            check_keys_of(value, {"previous"}, key + "/");
            binding.source = Binding::Source::previous;
            binding.pointer = pointer(key + "/previous", value["previous"]);
            if (binding.pointer.wildcards() > 0) fail(key + "/previous", "may not hold `*`");
            return binding;
        }
        std::set<std::string> known = aggregate_keys;
        known.insert("where");
        check_keys_of(value, known, key + "/");
        std::vector<std::string> given;
        for (const std::string& aggregate : aggregate_keys) {
            if (value.contains(aggregate)) given.push_back(aggregate);
        }
        if (given.size() != 1) fail(key, "must name exactly one of sum, count, min, max (or previous)");
        const std::string& aggregate = given.front();
        const std::string at = key + "/" + aggregate;
        if (value[aggregate].is_object()) fail(at, "nested aggregates are not allowed: give a pointer with `*`");
        binding.source = aggregate == "sum"   ? Binding::Source::sum
                         : aggregate == "count" ? Binding::Source::count
                         : aggregate == "min"   ? Binding::Source::min
                                                : Binding::Source::max;
        binding.pointer = pointer(at, value[aggregate]);
        if (binding.pointer.wildcards() != 1) fail(at, "an aggregate's pointer holds exactly one `*`");
        if (value.contains("where")) {
            const Json& where = value["where"];
            if (!where.is_object()) fail(key + "/where", "must be an object of field -> text");
            for (const auto& [field, wanted] : where.items()) {
                const std::string field_key = key + "/where/" + field;
                const PointerSpec field_pointer = pointer(field_key, Json(field));
                if (field_pointer.absolute || field_pointer.wildcards() > 0) {
                    fail(field_key, "a field is a pointer relative to each item, without `*`");
                }
                binding.where.emplace_back(field_pointer.tokens, text(field_key, wanted));
            }
        }
        return binding;
    }

    void read_check(const Json& check, RuleDefinition& rule) const {
        if (!check.is_object()) fail("check", "must be an object with left, op and right");
        check_keys_of(check, check_keys, "check/");
        for (const char* key : {"left", "op", "right"}) {
            if (!check.contains(key)) fail(std::string("check/") + key, "is missing");
        }
        rule.left = text("check/left", check["left"]);
        rule.right = text("check/right", check["right"]);
        static const std::vector<std::pair<std::string, Comparison>> ops{
            {"==", Comparison::equal}, {"!=", Comparison::not_equal},  {"<", Comparison::less},
            {"<=", Comparison::less_equal}, {">", Comparison::greater}, {">=", Comparison::greater_equal}};
        const std::string op = text("check/op", check["op"]);
        auto found = std::find_if(ops.begin(), ops.end(), [&](const auto& known) { return known.first == op; });
        if (found == ops.end()) fail("check/op", "'" + op + "' is none of ==, !=, <, <=, >, >=");
        rule.op = found->second;
        if (check.contains("tolerance")) {
            const Json& tolerance = check["tolerance"];
            if (!tolerance.is_number() || !(tolerance.get<double>() >= 0) || !std::isfinite(tolerance.get<double>())) {
                fail("check/tolerance", "must be a number of at least 0");
            }
            if (rule.op != Comparison::equal && rule.op != Comparison::not_equal) {
                fail("check/tolerance", "applies only to == and !=");
            }
            rule.tolerance = tolerance.get<double>();
        }
    }

    // Scanned by hand: std::regex recurses once per character and overflows
    // the stack on a long template. The cap keeps findings readable.
    void check_placeholders(const RuleDefinition& rule, const std::string& key, const std::string& message) const {
        if (message.size() > max_message_length) {
            fail(key, "is longer than " + std::to_string(max_message_length) + " characters");
        }
        const std::vector<std::string> names = rule.names();
        for (std::size_t open = message.find('{'); open != std::string::npos; open = message.find('{', open + 1)) {
            const std::size_t close = message.find_first_of("{}", open + 1);
            if (close == std::string::npos || message[close] != '}') continue;
            const std::string name = message.substr(open + 1, close - open - 1);
            const bool known = message_names.count(name) != 0 || std::find(names.begin(), names.end(), name) != names.end();
            if (!known) {
                fail(key, "{" + name + "} names no `let` name (nor left, right, key, index) (at character " +
                              std::to_string(character_position(message, open + 1)) + ")");
            }
            open = close;
        }
    }

    void compile_all(const RuleDefinition& rule) const {
        const std::vector<std::string> names = rule.names();
        std::vector<double> values(names.size(), 1.0);
        const std::pair<const char*, const std::string*> expressions[] = {
            {"when", &rule.when}, {"check/left", &rule.left}, {"check/right", &rule.right}};
        for (const auto& [key, text] : expressions) {
            if (text->empty() && std::string_view(key) == "when") continue;
            try {
                Arithmetic compiled(*text, names, values.data());
            } catch (const ExpressionError& e) {
                fail_expression(key, e);
            }
        }
    }

    const Json& entry_;
    std::string file_;
    std::string at_;
    std::string id_;
};

}  // namespace

bool RuleDefinition::uses_previous() const {
    return std::any_of(bindings.begin(), bindings.end(),
                       [](const Binding& b) { return b.source == Binding::Source::previous; });
}

std::vector<std::string> RuleDefinition::names() const {
    std::vector<std::string> out;
    out.reserve(bindings.size());
    for (const Binding& binding : bindings) out.push_back(binding.name);
    return out;
}

RuleDefinition read_definition(const nlohmann::json& entry, const std::string& file, std::size_t index) {
    return EntryReader(entry, file, index).read();
}

std::string_view to_string(Comparison op) {
    switch (op) {
        case Comparison::equal: return "==";
        case Comparison::not_equal: return "!=";
        case Comparison::less: return "<";
        case Comparison::less_equal: return "<=";
        case Comparison::greater: return ">";
        case Comparison::greater_equal: return ">=";
    }
    return "==";
}

}  // namespace lmacheck::expression
