#include "schema/fast_schema.hpp"

#include "schema/exact_measure.hpp"
#include "schema/simple_pattern.hpp"
#include "schema/structure_check.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lmacheck {
namespace {

using json = nlohmann::json;

enum TypeBit : unsigned {
    null_type = 1u << 0,
    boolean_type = 1u << 1,
    object_type = 1u << 2,
    array_type = 1u << 3,
    number_type = 1u << 4,
    integer_type = 1u << 5,
    string_type = 1u << 6,
    any_type = (1u << 7) - 1,
};

std::optional<unsigned> type_bit(const std::string& name) {
    if (name == "null") return null_type;
    if (name == "boolean") return boolean_type;
    if (name == "object") return object_type;
    if (name == "array") return array_type;
    if (name == "number") return number_type;
    if (name == "integer") return integer_type;
    if (name == "string") return string_type;
    return std::nullopt;
}

// The types a value satisfies, with strict types as valijson checks them: an
// integer (signed or unsigned) is a number too; a float is never an integer.
unsigned types_of(const json& value) {
    switch (value.type()) {
        case json::value_t::null: return null_type;
        case json::value_t::boolean: return boolean_type;
        case json::value_t::object: return object_type;
        case json::value_t::array: return array_type;
        case json::value_t::string: return string_type;
        case json::value_t::number_integer:
        case json::value_t::number_unsigned: return number_type | integer_type;
        case json::value_t::number_float: return number_type;
        default: return 0;
    }
}

bool is_annotation(const std::string& keyword) {
    static const std::set<std::string, std::less<>> annotations = {
        "$schema",  "title",    "description", "description_nl", "$comment",
        "examples", "default", "readOnly",    "writeOnly"};
    return annotations.count(keyword) > 0;
}

// A pattern SimplePattern cannot match exactly, as a std::regex compiled on
// first use. Our schemas have one (the rule ids in explanations), and most
// runs never test it, while compiling it costs about as much as the rest of
// the schemas together (callgrind, one file: 3.9 M of 30 M instructions).
// Thread-safe: the judge is shared by the run's workers.
class LazyRegex {
public:
    explicit LazyRegex(std::string source) : source_(std::move(source)) {}

    // Whether `text` matches. A pattern std::regex refuses matches nothing:
    // the fast judge then says no, and valijson, which judges every document
    // the fast judge does not accept, decides.
    bool search(const std::string& text) const {
        std::call_once(compiled_, [this] {
            try {
                regex_.emplace(source_);  // as valijson builds it: ECMAScript
            } catch (const std::regex_error&) {
                regex_.reset();
            }
        });
        return regex_ && std::regex_search(text, *regex_);
    }

private:
    std::string source_;
    mutable std::once_flag compiled_;
    mutable std::optional<std::regex> regex_;
};

}  // namespace

struct FastSchema::Node {
    const Node* ref = nullptr;  // a "$ref" node only delegates
    unsigned types = any_type;
    std::optional<std::vector<json>> allowed;  // enum, or const as one value
    std::optional<json> minimum;  // numbers, compared exactly
    std::optional<json> maximum;
    std::optional<std::uint64_t> min_length;
    std::optional<std::uint64_t> max_length;
    std::optional<SimplePattern> simple_pattern;
    std::unique_ptr<const LazyRegex> regex_pattern;
    bool date_time = false;
    std::vector<std::pair<std::string, const Node*>> properties;  // sorted by name
    std::vector<std::string> required;
    // The required keys that are properties, as bits of their index in
    // `properties` (set while the members are checked, so required keys cost
    // no lookups of their own); the others, looked up one by one.
    std::uint64_t required_mask = 0;
    std::vector<std::string> required_elsewhere;
    enum class Additional { any, none, schema } additional = Additional::any;
    const Node* additional_schema = nullptr;
    std::optional<std::uint64_t> min_items;
    const Node* items = nullptr;

    bool accepts(const json& value) const;
    bool accepts_object(const json& value) const;
    std::size_t property_index(const std::string& name) const;  // properties.size() when none
    void index_required();
};

std::size_t FastSchema::Node::property_index(const std::string& name) const {
    const auto it = std::lower_bound(properties.begin(), properties.end(), name,
                                     [](const auto& entry, const std::string& key) { return entry.first < key; });
    return it != properties.end() && it->first == name ? static_cast<std::size_t>(it - properties.begin())
                                                       : properties.size();
}

void FastSchema::Node::index_required() {
    for (const std::string& name : required) {
        const std::size_t index = property_index(name);
        if (index < properties.size() && index < 64) {
            required_mask |= std::uint64_t{1} << index;
        } else {
            required_elsewhere.push_back(name);
        }
    }
}

bool FastSchema::Node::accepts_object(const json& value) const {
    std::uint64_t present = 0;
    // The members come sorted (object_t is a std::map) and so are the
    // properties, by the same byte order: one merge walk finds each member's
    // property, instead of a binary search per member.
    auto next_property = properties.begin();
    for (const auto& [name, member] : value.get_ref<const json::object_t&>()) {
        while (next_property != properties.end() && next_property->first < name) ++next_property;
        const std::size_t index = next_property != properties.end() && next_property->first == name
                                      ? static_cast<std::size_t>(next_property - properties.begin())
                                      : properties.size();
        if (index < properties.size()) {
            if (index < 64) present |= std::uint64_t{1} << index;
            if (!properties[index].second->accepts(member)) return false;
        } else if (additional == Additional::none) {
            return false;
        } else if (additional == Additional::schema && !additional_schema->accepts(member)) {
            return false;
        }
    }
    if ((present & required_mask) != required_mask) return false;
    return std::all_of(required_elsewhere.begin(), required_elsewhere.end(),
                       [&value](const std::string& name) { return value.contains(name); });
}

bool FastSchema::Node::accepts(const json& value) const {
    if (ref != nullptr) return ref->accepts(value);
    if ((types & types_of(value)) == 0) return false;
    if (allowed && std::find(allowed->begin(), allowed->end(), value) == allowed->end()) return false;
    switch (value.type()) {
        case json::value_t::number_integer:
        case json::value_t::number_unsigned:
        case json::value_t::number_float: {
            return !(minimum && compare_numbers(value, *minimum) < 0) &&
                   !(maximum && compare_numbers(value, *maximum) > 0);
        }
        case json::value_t::string: {
            const std::string& text = value.get_ref<const std::string&>();
            if (min_length || max_length) {
                const std::uint64_t length = code_points(text);
                if ((min_length && length < *min_length) || (max_length && length > *max_length)) return false;
            }
            if (simple_pattern && !simple_pattern->matches(text)) return false;
            if (regex_pattern && !regex_pattern->search(text)) return false;
            return !date_time || is_rfc3339_date_time(text);
        }
        case json::value_t::array: {
            if (min_items && value.size() < *min_items) return false;
            if (items == nullptr) return true;
            return std::all_of(value.begin(), value.end(), [this](const json& item) { return items->accepts(item); });
        }
        case json::value_t::object: return accepts_object(value);
        default: return true;
    }
}

// Builds nodes from schema JSON; any keyword or form it does not handle makes
// the whole compilation fail (a thrown Unsupported, caught in compile()).
class FastSchema::Compiler {
public:
    Compiler(const json& root, FastSchema& out) : root_(root), out_(out) {}

    const Node* compile(const json& schema, bool is_root) {
        if (schema.is_boolean()) return schema.get<bool>() ? add() : nothing();
        if (!schema.is_object()) throw Unsupported{};
        if (const auto ref = schema.find("$ref"); ref != schema.end()) return compile_ref(schema, *ref);
        Node& node = *add();
        for (const auto& [keyword, value] : schema.items()) {
            if (is_annotation(keyword) || (is_root && (keyword == "$id" || keyword == "definitions"))) continue;
            read_keyword(node, keyword, value);
        }
        std::sort(node.properties.begin(), node.properties.end());
        node.index_required();
        return &node;
    }

    struct Unsupported {};

private:
    Node* add() {
        out_.nodes_.push_back(std::make_unique<Node>());
        return out_.nodes_.back().get();
    }

    // The schema `false`: no value has a type it allows.
    Node* nothing() {
        Node* node = add();
        node->types = 0;
        return node;
    }

    // Local references only, compiled once each; a cycle is refused (the
    // walk would then recurse as deep as the document).
    const Node* compile_ref(const json& schema, const json& ref) {
        for (const auto& [keyword, unused] : schema.items()) {
            if (keyword != "$ref" && !is_annotation(keyword)) throw Unsupported{};  // draft 7 ignores siblings
        }
        if (!ref.is_string()) throw Unsupported{};
        const std::string& target = ref.get_ref<const std::string&>();
        if (auto done = compiled_refs_.find(target); done != compiled_refs_.end()) return done->second;
        if (!target.starts_with("#/") || !open_refs_.insert(target).second) throw Unsupported{};
        const json* resolved = nullptr;
        try {
            resolved = &root_.at(json::json_pointer(target.substr(1)));
        } catch (const json::exception&) {
            throw Unsupported{};
        }
        Node* node = add();
        node->ref = compile(*resolved, false);
        open_refs_.erase(target);
        compiled_refs_.emplace(target, node);
        return node;
    }

    static std::uint64_t count(const json& value) {
        if (!value.is_number_unsigned()) throw Unsupported{};
        return value.get<std::uint64_t>();
    }

    static json number(const json& value) {
        if (!value.is_number()) throw Unsupported{};
        return value;
    }

    static std::vector<json> scalars(const json& values) {
        std::vector<json> out;
        for (const json& v : values) {
            if (!v.is_string() && !v.is_boolean() && !v.is_null()) throw Unsupported{};  // numbers compare differently
            out.push_back(v);
        }
        return out;
    }

    void read_keyword(Node& node, const std::string& keyword, const json& value) {
        if (keyword == "type") {
            node.types = 0;
            const json names = value.is_array() ? value : json::array({value});
            for (const json& name : names) {
                const auto bit = name.is_string() ? type_bit(name.get<std::string>()) : std::nullopt;
                if (!bit) throw Unsupported{};
                node.types |= *bit;
            }
        } else if (keyword == "enum") {
            if (!value.is_array()) throw Unsupported{};
            node.allowed = scalars(value);
        } else if (keyword == "const") {
            node.allowed = scalars(json::array({value}));
        } else if (keyword == "minimum") {
            node.minimum = number(value);
        } else if (keyword == "maximum") {
            node.maximum = number(value);
        } else if (keyword == "minLength") {
            node.min_length = count(value);
        } else if (keyword == "maxLength") {
            node.max_length = count(value);
        } else if (keyword == "minItems") {
            node.min_items = count(value);
        } else if (keyword == "pattern") {
            read_pattern(node, value);
        } else if (keyword == "format") {
            if (value != "date-time") throw Unsupported{};
            node.date_time = true;
        } else if (keyword == "properties") {
            if (!value.is_object()) throw Unsupported{};
            for (const auto& [name, schema] : value.items()) node.properties.emplace_back(name, compile(schema, false));
        } else if (keyword == "required") {
            if (!value.is_array()) throw Unsupported{};
            for (const json& name : value) {
                if (!name.is_string()) throw Unsupported{};
                node.required.push_back(name.get<std::string>());
            }
        } else if (keyword == "additionalProperties") {
            if (value.is_boolean()) {
                node.additional = value.get<bool>() ? Node::Additional::any : Node::Additional::none;
            } else {
                node.additional = Node::Additional::schema;
                node.additional_schema = compile(value, false);
            }
        } else if (keyword == "items") {
            if (value.is_array()) throw Unsupported{};  // tuple form
            node.items = compile(value, false);
        } else {
            throw Unsupported{};
        }
    }

    static void read_pattern(Node& node, const json& value) {
        if (!value.is_string()) throw Unsupported{};
        const std::string& pattern = value.get_ref<const std::string&>();
        if (auto simple = SimplePattern::compile(pattern)) {
            node.simple_pattern = std::move(simple);
            return;
        }
        node.regex_pattern = std::make_unique<const LazyRegex>(pattern);
    }

    const json& root_;
    FastSchema& out_;
    std::map<std::string, const Node*> compiled_refs_;
    std::set<std::string> open_refs_;
};

FastSchema::FastSchema() = default;
FastSchema::~FastSchema() = default;

std::unique_ptr<const FastSchema> FastSchema::compile(const nlohmann::json& schema) {
    std::unique_ptr<FastSchema> compiled(new FastSchema());
    try {
        Compiler compiler(schema, *compiled);
        compiled->root_ = compiler.compile(schema, true);
    } catch (const Compiler::Unsupported&) {
        return nullptr;
    }
    return compiled;
}

bool FastSchema::accepts(const nlohmann::json& document) const { return root_->accepts(document); }

}  // namespace lmacheck
