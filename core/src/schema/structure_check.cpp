#include "schema/structure_check.hpp"

#include "document/config_json.hpp"
#include "document/file_bytes.hpp"
#include "model/config_error.hpp"
#include "model/finding_budget.hpp"
#include "lmacheck/json_pointer.hpp"
#include "schema/exact_measure.hpp"
#include "schema/ref_cycle.hpp"
#include "schema/schema_walk.hpp"

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/constraint_builder.hpp>
#include <valijson/constraints/concrete_constraints.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <initializer_list>
#include <new>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <utility>

namespace lmacheck {
namespace {

// Our stand-in for `"format": "date-time"`: the schema files keep the
// standard keyword (other validators read them too); at load time it is
// swapped for this keyword, checked strictly and without a regex.
constexpr const char* strict_date_time_keyword = "x-lmacheck-strict-date-time";
constexpr const char* date_time_error = "lmacheck: not an RFC 3339 date-time";

// Our stand-ins for the bounds of numbers and string lengths, which valijson
// measures its own way (schema/exact_measure.hpp): each holds the bound as
// the JSON text of the original keyword's value, so that no adapter reads it
// through int64_t or double.
struct ExactKeyword {
    const char* keyword;
    const char* stand_in;
};
constexpr ExactKeyword exact_number_keywords[] = {{"minimum", "x-lmacheck-minimum"},
                                                  {"maximum", "x-lmacheck-maximum"},
                                                  {"exclusiveMinimum", "x-lmacheck-exclusive-minimum"},
                                                  {"exclusiveMaximum", "x-lmacheck-exclusive-maximum"}};
constexpr ExactKeyword exact_length_keywords[] = {{"minLength", "x-lmacheck-min-length"},
                                                  {"maxLength", "x-lmacheck-max-length"}};
constexpr ExactKeyword exact_value_keywords[] = {{"enum", "x-lmacheck-enum"}, {"const", "x-lmacheck-const"}};

class StrictDateTimeConstraint final : public valijson::constraints::PolyConstraint {
public:
    bool validate(const valijson::adapters::Adapter& target, const std::vector<std::string>& context,
                  valijson::ValidationResults* results) const override {
        if (!target.isString() || is_rfc3339_date_time(target.asString())) return true;
        if (results != nullptr) results->pushError(context, date_time_error);
        return false;
    }

private:
    Constraint* cloneInto(void* memory) const override { return new (memory) StrictDateTimeConstraint(*this); }
    size_t sizeOf() const override { return sizeof(StrictDateTimeConstraint); }
};

class StrictDateTimeBuilder final : public valijson::ConstraintBuilder {
public:
    valijson::constraints::Constraint* make(const valijson::adapters::Adapter&) const override {
        return new StrictDateTimeConstraint();
    }
};

std::vector<std::string> context_tokens(const std::vector<std::string>& context) {
    std::vector<std::string> tokens;
    tokens.reserve(context.size());
    for (const std::string& element : context) {
        // "<root>" starts every context; others are "[name]" or "[index]".
        if (element.size() >= 2 && element.front() == '[' && element.back() == ']') {
            tokens.push_back(element.substr(1, element.size() - 2));
        }
    }
    return tokens;
}

std::string tokens_to_pointer(const std::vector<std::string>& tokens) {
    std::string result;
    for (const std::string& token : tokens) append_token(result, token);
    return result;
}

const nlohmann::json* value_at(const nlohmann::json& document, const std::vector<std::string>& tokens) {
    const nlohmann::json* node = &document;
    for (const std::string& token : tokens) {
        if (node->is_object()) {
            auto it = node->find(token);
            if (it == node->end()) return nullptr;
            node = &*it;
        } else if (node->is_array()) {
            std::size_t index = 0;
            std::istringstream in(token);
            if (!(in >> index) || index >= node->size()) return nullptr;
            node = &(*node)[index];
        } else {
            return nullptr;
        }
    }
    return node;
}

// The document valijson is validating on this thread (set by
// DocumentInValidation), for the one thing its adapter cannot tell: whether
// a negative integer is one, or an unsigned integer of 2^63 and above that
// the adapter read through int64_t.
thread_local const nlohmann::json* document_in_validation = nullptr;

class DocumentInValidation {
public:
    explicit DocumentInValidation(const nlohmann::json& document) : previous_(document_in_validation) {
        document_in_validation = &document;
    }
    ~DocumentInValidation() { document_in_validation = previous_; }
    DocumentInValidation(const DocumentInValidation&) = delete;
    DocumentInValidation& operator=(const DocumentInValidation&) = delete;

private:
    const nlohmann::json* previous_;
};

// The exact value of the number `target`, which is at `context`.
nlohmann::json exact_number(const valijson::adapters::Adapter& target, const std::vector<std::string>& context) {
    if (target.isDouble()) return target.getDouble();
    const std::int64_t read = target.getInteger();
    if (read >= 0 || document_in_validation == nullptr) return read;
    const nlohmann::json* value = value_at(*document_in_validation, context_tokens(context));
    return value != nullptr && value->is_number() ? *value : nlohmann::json(read);
}

// The value valijson's `target` stands for: valijson's adapter reads numbers
// through int64_t and double, so `enum` and `const` compare the document's
// own value, found at `context`.
const nlohmann::json& value_in_validation(const std::vector<std::string>& context) {
    const nlohmann::json* value =
        document_in_validation == nullptr ? nullptr : value_at(*document_in_validation, context_tokens(context));
    if (value == nullptr) throw std::logic_error("lmacheck: a value valijson validates is not in the document");
    return *value;
}

// The allowed values of an `enum` or `const` stand-in, compared exactly.
class ExactValueConstraint final : public valijson::constraints::PolyConstraint {
public:
    explicit ExactValueConstraint(nlohmann::json allowed) : allowed_(std::move(allowed)) {}

    bool validate(const valijson::adapters::Adapter&, const std::vector<std::string>& context,
                  valijson::ValidationResults* results) const override {
        const nlohmann::json& value = value_in_validation(context);
        const auto same = [&value](const nlohmann::json& allowed) { return equal_values(value, allowed); };
        if (std::any_of(allowed_.begin(), allowed_.end(), same)) return true;
        if (results != nullptr) results->pushError(context, "lmacheck: not an allowed value");
        return false;
    }

private:
    Constraint* cloneInto(void* memory) const override { return new (memory) ExactValueConstraint(*this); }
    size_t sizeOf() const override { return sizeof(ExactValueConstraint); }

    nlohmann::json allowed_;  // an array
};

class ExactValueBuilder final : public valijson::ConstraintBuilder {
public:
    explicit ExactValueBuilder(bool is_const) : is_const_(is_const) {}
    valijson::constraints::Constraint* make(const valijson::adapters::Adapter& value) const override {
        std::string text;
        if (!value.getString(text)) throw std::runtime_error("lmacheck: a stand-in for enum or const is not text");
        nlohmann::json allowed = nlohmann::json::parse(text);
        if (is_const_) allowed = nlohmann::json::array({std::move(allowed)});
        return new ExactValueConstraint(std::move(allowed));
    }

private:
    bool is_const_;
};

// The bound of a stand-in keyword: the JSON text the schema had there.
nlohmann::json stand_in_bound(const valijson::adapters::Adapter& value, const char* keyword) {
    std::string text;
    if (value.getString(text)) {
        nlohmann::json bound = nlohmann::json::parse(text, nullptr, false);
        if (bound.is_number()) return bound;
    }
    throw std::runtime_error(std::string("the value of ") + keyword + " is not a number");
}

class ExactNumberConstraint final : public valijson::constraints::PolyConstraint {
public:
    ExactNumberConstraint(std::string keyword, nlohmann::json bound)
        : keyword_(std::move(keyword)), bound_(std::move(bound)) {}

    bool validate(const valijson::adapters::Adapter& target, const std::vector<std::string>& context,
                  valijson::ValidationResults* results) const override {
        if (!target.isNumber()) return true;  // strict types: a bound applies to numbers only
        if (within(compare_numbers(exact_number(target, context), bound_))) return true;
        if (results != nullptr) results->pushError(context, "lmacheck: outside " + keyword_ + " " + bound_.dump());
        return false;
    }

private:
    Constraint* cloneInto(void* memory) const override { return new (memory) ExactNumberConstraint(*this); }
    size_t sizeOf() const override { return sizeof(ExactNumberConstraint); }

    // Whether a value whose order against the bound is `order` satisfies it.
    bool within(int order) const {
        if (keyword_ == "minimum") return order >= 0;
        if (keyword_ == "maximum") return order <= 0;
        if (keyword_ == "exclusiveMinimum") return order > 0;
        return order < 0;  // exclusiveMaximum
    }

    std::string keyword_;
    nlohmann::json bound_;
};

class ExactLengthConstraint final : public valijson::constraints::PolyConstraint {
public:
    ExactLengthConstraint(bool is_maximum, std::uint64_t bound) : is_maximum_(is_maximum), bound_(bound) {}

    bool validate(const valijson::adapters::Adapter& target, const std::vector<std::string>& context,
                  valijson::ValidationResults* results) const override {
        std::string text;
        if (!target.isString() || !target.getString(text)) return true;
        const std::uint64_t length = code_points(text);
        const bool ok = is_maximum_ ? length <= bound_ : length >= bound_;
        if (!ok && results != nullptr) results->pushError(context, "lmacheck: string length out of bounds");
        return ok;
    }

private:
    Constraint* cloneInto(void* memory) const override { return new (memory) ExactLengthConstraint(*this); }
    size_t sizeOf() const override { return sizeof(ExactLengthConstraint); }

    bool is_maximum_;
    std::uint64_t bound_;
};

class ExactNumberBuilder final : public valijson::ConstraintBuilder {
public:
    explicit ExactNumberBuilder(std::string keyword) : keyword_(std::move(keyword)) {}
    valijson::constraints::Constraint* make(const valijson::adapters::Adapter& value) const override {
        return new ExactNumberConstraint(keyword_, stand_in_bound(value, keyword_.c_str()));
    }

private:
    std::string keyword_;
};

class ExactLengthBuilder final : public valijson::ConstraintBuilder {
public:
    ExactLengthBuilder(std::string keyword, bool is_maximum) : keyword_(std::move(keyword)), is_maximum_(is_maximum) {}
    valijson::constraints::Constraint* make(const valijson::adapters::Adapter& value) const override {
        const nlohmann::json bound = stand_in_bound(value, keyword_.c_str());
        if (!bound.is_number_unsigned()) throw std::runtime_error("the value of " + keyword_ + " is not a count");
        return new ExactLengthConstraint(is_maximum_, bound.get<std::uint64_t>());
    }

private:
    std::string keyword_;
    bool is_maximum_;
};

// is_data_keyword() and is_schema_map() (ref_cycle.hpp): the rewrite below
// leaves a `"const": {"maximum": 1}` and a property named "format" alone.

template <std::size_t N>
const char* stand_in(const ExactKeyword (&keywords)[N], std::string_view key) {
    for (const ExactKeyword& k : keywords) {
        if (key == k.keyword) return k.stand_in;
    }
    return nullptr;
}

// A copy of the schema for valijson, with our stand-ins for every
// `"format": "date-time"`, number bound, length bound, `enum` and `const` (a
// bound that is not a number or count, an enum that is not an array, are left
// for valijson's parser to refuse).
nlohmann::json prepared_for_valijson(const nlohmann::json& node) {
    if (node.is_array()) {
        nlohmann::json copy = nlohmann::json::array();
        for (const auto& item : node) copy.push_back(prepared_for_valijson(item));
        return copy;
    }
    if (!node.is_object()) return node;
    nlohmann::json copy = nlohmann::json::object();
    for (const auto& [key, value] : node.items()) {
        if (const char* values = stand_in(exact_value_keywords, key); values && (key == "const" || value.is_array())) {
            copy[values] = value.dump();
        } else if (is_data_keyword(key)) {
            copy[key] = value;
        } else if (is_schema_map(key) && value.is_object()) {
            nlohmann::json& map = copy[key] = nlohmann::json::object();
            for (const auto& [name, schema] : value.items()) map[name] = prepared_for_valijson(schema);
        } else if (key == "format" && value == "date-time") {
            copy[strict_date_time_keyword] = true;
        } else if (const char* number = stand_in(exact_number_keywords, key); number && value.is_number()) {
            copy[number] = value.dump();
        } else if (const char* length = stand_in(exact_length_keywords, key); length && value.is_number_unsigned()) {
            copy[length] = value.dump();
        } else {
            copy[key] = prepared_for_valijson(value);
        }
    }
    return copy;
}

bool starts_with(const std::string& text, std::string_view prefix) { return text.rfind(prefix, 0) == 0; }

// Builds findings from valijson's errors, keeping only the failing values
// themselves (valijson also reports each parent that contains one).
class FindingCollector {
public:
    FindingCollector(const CompiledSchema& schema, const nlohmann::json& document, std::string rule,
                     FindingBudget* budget, const std::vector<ReportedColumns>* reported)
        : schema_(schema.source()), document_(document), rule_(std::move(rule)), budget_(budget), reported_(reported) {}

    // Whether the error says what failed (then it is a finding), rather than
    // that something inside the value did (valijson's parent failures).
    bool add(const valijson::ValidationResults::Error& error) {
        const std::string& text = error.description;
        std::vector<std::string> tokens = context_tokens(error.context);
        if (starts_with(text, "Failed to validate") || starts_with(text, "Cannot validate item")) {
            note_parent_failure(text, std::move(tokens));
            return false;
        }
        if (starts_with(text, "Missing required property '")) {
            const std::string key = text.substr(27, text.rfind('\'') - 27);
            missing_key(tokens, key);
        } else if (starts_with(text, "Object contains a property that could not be validated")) {
            unknown_keys(tokens);
        } else {
            invalid_value(tokens);
        }
        return true;
    }

    // Valijson rejected a value without an error of its own: a `false`
    // subschema fails silently and only its parents report. One finding at
    // the deepest place a parent named, so that no rejected document goes
    // without a finding (it would be accepted).
    void explain_silent_failure() {
        invalid_value(silent_place_);
        silent_place_.clear();
    }

    std::vector<RawFinding> take() { return std::move(findings_); }

    // Starts a new window of a long array (see StructureChecker::check): no
    // value of it was seen before, so the set of seen values can go.
    void forget_seen() { seen_.clear(); }

private:
    void note_parent_failure(const std::string& text, std::vector<std::string> tokens) {
        constexpr std::string_view property_failed =
            "Failed to validate against schema associated with property name '";
        if (starts_with(text, property_failed) && text.ends_with("'.")) {
            tokens.push_back(text.substr(property_failed.size(), text.size() - property_failed.size() - 2));
        }
        if (tokens.size() >= silent_place_.size()) silent_place_ = std::move(tokens);
    }

    // Whether the document's reader reported `key` of the record at
    // `tokens` already, for all records at once (ReportedColumns).
    bool reported_column(const std::vector<std::string>& tokens, const std::string& key, bool missing) const {
        if (reported_ == nullptr || tokens.size() != 2) return false;
        return std::any_of(reported_->begin(), reported_->end(), [&](const ReportedColumns& columns) {
            return columns.section == tokens[0] && (missing ? columns.missing : columns.unknown).contains(key);
        });
    }

    void missing_key(const std::vector<std::string>& tokens, const std::string& key) {
        if (reported_column(tokens, key, true)) return;
        std::string path = tokens_to_pointer(tokens);
        if (!seen_.insert("missing\n" + path + "\n" + key).second || !admit()) return;
        findings_.push_back(RawFinding{rule_, std::move(path), "missing-key", {{"key", key}}, key, std::nullopt, {}});
    }

    // Valijson names only the first unknown key of an object; report them all.
    void unknown_keys(const std::vector<std::string>& tokens) {
        const nlohmann::json* object = value_at(document_, tokens);
        const nlohmann::json* schema = subschema_at(schema_, tokens);
        if (object == nullptr || !object->is_object() || schema == nullptr) return;
        const auto properties = schema->find("properties");
        for (const auto& [key, unused] : object->items()) {
            if (properties != schema->end() && properties->contains(key)) continue;
            if (reported_column(tokens, key, false)) continue;
            std::string path = tokens_to_pointer(tokens);
            append_token(path, key);
            if (!seen_.insert("value\n" + path).second || !admit()) continue;
            const std::string suggestion = closest_key(*schema, key);
            if (suggestion.empty()) {
                findings_.push_back(RawFinding{rule_, std::move(path), "unknown-key", {{"key", key}}, std::nullopt, key, {}});
            } else {
                findings_.push_back(RawFinding{rule_, std::move(path), "unknown-key-suggestion",
                                               {{"key", key}, {"suggestion", suggestion}}, suggestion, key, {}});
            }
        }
    }

    void invalid_value(const std::vector<std::string>& tokens) {
        std::string path = tokens_to_pointer(tokens);
        if (!seen_.insert("value\n" + path).second) return;  // one finding per violated value
        if (!admit()) return;
        const nlohmann::json* value = value_at(document_, tokens);
        const nlohmann::json* schema = subschema_at(schema_, tokens);
        const nlohmann::json empty = nlohmann::json::object();
        const nlohmann::json& governing = schema != nullptr ? *schema : empty;
        const std::string expected_en = describe_expectation(schema_, governing, false);
        const std::string expected_nl = describe_expectation(schema_, governing, true);
        // Scalars are reported as they are; an array or object only by its
        // size: copying or printing it whole would put a 64 MiB value in the
        // report and recurse once per nesting level.
        const nlohmann::json actual = value == nullptr ? nlohmann::json() : summarize_value(*value);
        findings_.push_back(RawFinding{rule_,
                                       std::move(path),
                                       "invalid-value",
                                       {{"expected_en", expected_en},
                                        {"expected_nl", expected_nl},
                                        {"actual_en", value == nullptr ? "nothing" : describe_value(*value, false)},
                                        {"actual_nl", value == nullptr ? "niets" : describe_value(*value, true)}},
                                       expected_value(schema_, governing),
                                       actual,
                                       {}});
    }

    // Whether the budget (if any) lets one more finding be kept.
    bool admit() { return budget_ == nullptr || budget_->admit(rule_); }

    const nlohmann::json& schema_;
    const nlohmann::json& document_;
    std::string rule_;
    FindingBudget* budget_;
    const std::vector<ReportedColumns>* reported_;
    std::set<std::string> seen_;
    std::vector<RawFinding> findings_;
    std::vector<std::string> silent_place_;
};

// Top-level arrays longer than this are validated a window of this many
// items at a time (StructureChecker::check).
constexpr std::size_t window_items = 1000;

bool has_only_keywords(const nlohmann::json& schema, std::initializer_list<std::string_view> allowed) {
    if (!schema.is_object()) return false;
    for (const auto& [key, unused] : schema.items()) {
        if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) return false;
    }
    return true;
}

// The top-level arrays of `document` to validate in windows: longer than a
// window, under a root schema that constrains nothing but its properties,
// and governed by a schema whose only constraints on the array as a whole
// are its type and a minItems that a window meets. For those, validating
// each window of items gives exactly the errors of validating the whole.
std::vector<std::string> windowed_arrays(const nlohmann::json& schema, const nlohmann::json& document) {
    std::vector<std::string> names;
    const nlohmann::json* root = subschema_at(schema, {});
    if (!document.is_object() || root == nullptr ||
        !has_only_keywords(*root, {"$schema", "$id", "$comment", "title", "description", "definitions", "type",
                                   "properties", "required", "additionalProperties"})) {
        return names;
    }
    const auto properties = root->find("properties");
    if (properties == root->end() || !properties->is_object()) return names;
    for (const auto& [name, value] : document.items()) {
        if (!value.is_array() || value.size() <= window_items || !properties->contains(name)) continue;
        const nlohmann::json* array_schema = subschema_at(schema, {name});
        if (array_schema == nullptr ||
            !has_only_keywords(*array_schema, {"$comment", "title", "description", "type", "items", "minItems"})) {
            continue;
        }
        const auto items = array_schema->find("items");
        if (items == array_schema->end() || !items->is_object()) continue;
        const auto min_items = array_schema->find("minItems");
        if (min_items != array_schema->end() &&
            !(min_items->is_number_unsigned() && min_items->get<std::size_t>() <= window_items)) {
            continue;
        }
        names.push_back(name);
    }
    return names;
}

// Items [first, first + window_items) of the top-level array `name`, in a
// copy of the document: maps valijson's contexts back to the whole array,
// keeping only errors inside items from `report_from` on.
struct Window {
    std::string name;
    std::size_t first = 0;
    std::size_t report_from = 0;

    bool remap(std::vector<std::string>& context) const {
        if (context.size() < 3 || context[1] != "[" + name + "]") return false;
        const std::string& element = context[2];
        std::size_t index = 0;
        for (std::size_t i = 1; i + 1 < element.size(); ++i) {
            if (element[i] < '0' || element[i] > '9') return false;
            index = index * 10 + static_cast<std::size_t>(element[i] - '0');
        }
        if (first + index < report_from) return false;
        context[2] = "[" + std::to_string(first + index) + "]";
        return true;
    }
};

nlohmann::json slice(const nlohmann::json& array, std::size_t first, std::size_t count) {
    const auto begin = array.begin() + static_cast<std::ptrdiff_t>(first);
    return nlohmann::json(begin, begin + static_cast<std::ptrdiff_t>(count));
}

nlohmann::json read_schema_file(const std::filesystem::path& file) {
    // A regular file of bounded size, then the strict parse.
    return std::move(*parse_config_document(read_config_file(file, "schema file"), "schema file " + file.string()).json);
}

[[noreturn]] void refuse_cycle(const std::string& schema, const std::string& cycle) {
    throw ConfigError("schema " + schema + " has a cycle of $ref (a schema that refers back to itself, which " +
                      "would recurse without end): " + cycle);
}

std::shared_ptr<const CompiledSchema> load_schema(const std::filesystem::path& file) {
    try {
        return std::make_shared<const CompiledSchema>(file.filename().string(), read_schema_file(file),
                                                      "file " + file.string());
    } catch (const ConfigError&) {
        throw;
    } catch (const std::exception& e) {
        throw ConfigError("schema file " + file.string() + " is not a usable JSON Schema: " + e.what());
    }
}

}  // namespace

CompiledSchema::CompiledSchema(std::string name, nlohmann::json source, const std::string& where)
    : name_(std::move(name)), source_(std::move(source)) {
    if (const auto cycle = find_ref_cycle(source_)) refuse_cycle(where.empty() ? name_ : where, *cycle);
    fast_ = FastSchema::compile(source_);
    if (!fast_) compiled();
}

const valijson::Schema& CompiledSchema::compiled() const {
    std::call_once(compile_once_, [this] {
        auto schema = std::make_unique<valijson::Schema>();
        const nlohmann::json prepared = prepared_for_valijson(source_);
        valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
        parser.addConstraintBuilder(strict_date_time_keyword, new StrictDateTimeBuilder());
        for (const ExactKeyword& k : exact_number_keywords) {
            parser.addConstraintBuilder(k.stand_in, new ExactNumberBuilder(k.keyword));
        }
        for (const ExactKeyword& k : exact_value_keywords) {
            parser.addConstraintBuilder(k.stand_in, new ExactValueBuilder(std::string_view(k.keyword) == "const"));
        }
        for (const ExactKeyword& k : exact_length_keywords) {
            const bool is_maximum = std::string_view(k.keyword) == "maxLength";
            parser.addConstraintBuilder(k.stand_in, new ExactLengthBuilder(k.keyword, is_maximum));
        }
        valijson::adapters::NlohmannJsonAdapter adapter(prepared);
        parser.populateSchema(adapter, *schema);
        compiled_ = std::move(schema);
    });
    return *compiled_;
}

CompiledSchema::~CompiledSchema() = default;

SubmissionSchemas SubmissionSchemas::load(const std::filesystem::path& dir) {
    SubmissionSchemas schemas;
    schemas.institution_ = load_schema(dir / "institution-1.0.schema.json");
    schemas.municipality_ = load_schema(dir / "municipality-1.0.schema.json");
    schemas.envelope_ = load_schema(dir / "envelope-1.0.schema.json");
    return schemas;
}

const CompiledSchema& SubmissionSchemas::for_document(const nlohmann::json& document) const {
    if (document.is_object() && document.value("format_version", nlohmann::json()) == "1.0") {
        const nlohmann::json kind = document.value("kind", nlohmann::json());
        if (kind == "institution") return *institution_;
        if (kind == "municipality") return *municipality_;
    }
    return *envelope_;
}

StructureChecker::StructureChecker()
    : validator_(std::make_unique<valijson::Validator>(valijson::Validator::kStrongTypes)) {}

StructureChecker::~StructureChecker() = default;

std::vector<RawFinding> StructureChecker::check(const CompiledSchema& schema, const nlohmann::json& document,
                                                const std::string& rule_id, FindingBudget* budget,
                                                const std::vector<ReportedColumns>* reported) {
    if (schema.fast() != nullptr && schema.fast()->accepts(document)) return {};
    FindingCollector collector(schema, document, rule_id, budget, reported);
    const auto validate = [&](const nlohmann::json& target, const Window* window) {
        valijson::ValidationResults results;
        valijson::adapters::NlohmannJsonAdapter adapter(target);
        const DocumentInValidation in_validation(target);
        if (validator_->validate(schema.compiled(), adapter, &results)) return;
        bool explained = false;
        valijson::ValidationResults::Error error;
        while (results.popError(error)) {
            if (window != nullptr && !window->remap(error.context)) {
                explained = true;  // an item an earlier window judged
            } else if (collector.add(error)) {
                explained = true;
            }
        }
        if (!explained) collector.explain_silent_failure();
    };
    const std::vector<std::string> windowed = windowed_arrays(schema.source(), document);
    if (windowed.empty()) {
        validate(document, nullptr);
        return collector.take();
    }
    // Valijson keeps every error of a document until it returns: a million
    // invalid records would take gigabytes before the first finding is
    // counted. So long top-level arrays go a window of items at a time: the
    // document with each of them cut to its first window, then every further
    // window of one array in that document (the last window ends at the
    // array's end, so each window has window_items items and meets minItems).
    nlohmann::json base = nlohmann::json::object();
    for (const auto& [name, value] : document.items()) {
        const bool cut = std::find(windowed.begin(), windowed.end(), name) != windowed.end();
        base[name] = cut ? slice(value, 0, window_items) : value;
    }
    validate(base, nullptr);
    for (const std::string& name : windowed) {
        const nlohmann::json& items = document.at(name);
        for (std::size_t start = window_items; start < items.size(); start += window_items) {
            const Window window{name, std::min(start, items.size() - window_items), start};
            base[name] = slice(items, window.first, window_items);
            collector.forget_seen();
            validate(base, &window);
        }
        base[name] = slice(items, 0, window_items);
    }
    return collector.take();
}

bool StructureChecker::valijson_accepts(const CompiledSchema& schema, const nlohmann::json& document) {
    valijson::adapters::NlohmannJsonAdapter adapter(document);
    const DocumentInValidation in_validation(document);
    return validator_->validate(schema.compiled(), adapter, nullptr);
}

std::string context_to_pointer(const std::vector<std::string>& context) {
    return tokens_to_pointer(context_tokens(context));
}

std::vector<MessageTemplate> structure_messages() {
    return {
        {"missing-key", "missing required key `{key}`", "verplichte sleutel `{key}` ontbreekt"},
        {"unknown-key", "unknown key `{key}`", "onbekende sleutel `{key}`"},
        {"unknown-key-suggestion", "unknown key `{key}` (did you mean `{suggestion}`?)",
         "onbekende sleutel `{key}` (bedoelt u `{suggestion}`?)"},
        {"invalid-value", "expected {expected_en}, got {actual_en}", "verwacht {expected_nl}, gevonden {actual_nl}"},
    };
}

}  // namespace lmacheck
