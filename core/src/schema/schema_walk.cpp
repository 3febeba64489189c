#include "schema/schema_walk.hpp"

#include "model/closest_word.hpp"

#include <algorithm>
#include <cstddef>
#include <sstream>

namespace lmacheck {
namespace {

// Follows local references ("#/definitions/count"); our schemas use no others.
const nlohmann::json* resolve(const nlohmann::json& root, const nlohmann::json* node) {
    for (int hops = 0; node != nullptr && node->is_object() && hops < 32; ++hops) {
        auto ref = node->find("$ref");
        if (ref == node->end() || !ref->is_string()) return node;
        const std::string& target = ref->get_ref<const std::string&>();
        if (target.rfind("#", 0) != 0) return nullptr;
        try {
            node = &root.at(nlohmann::json::json_pointer(target.substr(1)));
        } catch (const nlohmann::json::exception&) {
            return nullptr;
        }
    }
    return node;
}

std::string format_number(const nlohmann::json& n) { return n.dump(); }

std::string join_enum(const nlohmann::json& values, bool dutch) {
    std::string text = dutch ? "een van " : "one of ";
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i > 0) text += ", ";
        // Appended piece by piece: "`" + value + "`" trips GCC 12's -Wrestrict at -O3.
        text += '`';
        text += values[i].is_string() ? values[i].get_ref<const std::string&>() : values[i].dump();
        text += '`';
    }
    return text;
}

std::string describe_range(const nlohmann::json& schema, bool dutch) {
    auto min = schema.find("minimum");
    auto max = schema.find("maximum");
    const bool has_min = min != schema.end(), has_max = max != schema.end();
    if (has_min && has_max) {
        return (dutch ? " van " : " between ") + format_number(*min) + (dutch ? " tot en met " : " and ") +
               format_number(*max);
    }
    if (has_min) return " >= " + format_number(*min);
    if (has_max) return " <= " + format_number(*max);
    return "";
}

std::string describe_length(const nlohmann::json& schema, bool dutch) {
    auto min = schema.find("minLength");
    auto max = schema.find("maxLength");
    if (min == schema.end() && max == schema.end()) return "";
    const std::string unit = dutch ? " tekens" : " characters";
    if (min != schema.end() && max != schema.end()) {
        return (dutch ? " van " : " of ") + format_number(*min) + (dutch ? " tot " : " to ") +
               format_number(*max) + unit;
    }
    if (min != schema.end()) return (dutch ? " van minstens " : " of at least ") + format_number(*min) + unit;
    return (dutch ? " van hoogstens " : " of at most ") + format_number(*max) + unit;
}

std::string describe_string(const nlohmann::json& schema, bool dutch) {
    auto format = schema.find("format");
    if (format != schema.end() && *format == "date-time") {
        return dutch ? "een RFC 3339-datum en -tijd zoals 2020-03-31T12:00:00+02:00 (met bestaande datum)"
                     : "an RFC 3339 date-time such as 2020-03-31T12:00:00+02:00 (a real calendar date)";
    }
    auto pattern = schema.find("pattern");
    if (pattern != schema.end()) {
        // A code described in words for people ("an AGB code: exactly 8
        // digits"); the regex only when a schema has no words for it.
        auto description = schema.find(dutch ? "description_nl" : "description");
        if (description != schema.end() && description->is_string()) return description->get<std::string>();
        return (dutch ? "tekst volgens het patroon `" : "a string matching `") + pattern->get<std::string>() + "`";
    }
    return (dutch ? "tekst" : "a string") + describe_length(schema, dutch);
}

std::string type_word(const std::string& type, bool dutch) {
    if (type == "integer") return dutch ? "geheel getal" : "integer";
    if (type == "number") return dutch ? "getal" : "number";
    if (type == "boolean") return dutch ? "true of false" : "true or false";
    if (type == "object") return dutch ? "een object" : "an object";
    if (type == "array") return dutch ? "een lijst" : "an array";
    if (type == "null") return "null";
    return dutch ? "tekst" : "a string";
}

}  // namespace

const nlohmann::json* subschema_at(const nlohmann::json& root, const std::vector<std::string>& tokens) {
    const nlohmann::json* node = resolve(root, &root);
    for (const std::string& token : tokens) {
        if (node == nullptr || !node->is_object()) return nullptr;
        auto properties = node->find("properties");
        if (properties != node->end() && properties->contains(token)) {
            node = &(*properties)[token];
        } else if (auto items = node->find("items"); items != node->end() && items->is_object()) {
            node = &*items;
        } else if (auto additional = node->find("additionalProperties");
                   additional != node->end() && additional->is_object()) {
            node = &*additional;
        } else {
            return nullptr;
        }
        node = resolve(root, node);
    }
    return node;
}

std::string describe_expectation(const nlohmann::json& root, const nlohmann::json& schema_in, bool dutch) {
    const nlohmann::json* resolved = resolve(root, &schema_in);
    if (resolved == nullptr || !resolved->is_object()) return dutch ? "een geldige waarde" : "a valid value";
    const nlohmann::json& schema = *resolved;
    if (auto constant = schema.find("const"); constant != schema.end()) return constant->dump();
    if (auto values = schema.find("enum"); values != schema.end() && values->is_array()) {
        return join_enum(*values, dutch);
    }
    auto type = schema.find("type");
    if (type == schema.end() || !type->is_string()) return dutch ? "een geldige waarde" : "a valid value";
    const std::string& name = type->get_ref<const std::string&>();
    if (name == "string") return describe_string(schema, dutch);
    if (name == "integer" || name == "number") return type_word(name, dutch) + describe_range(schema, dutch);
    if (name == "array") {
        if (auto min = schema.find("minItems"); min != schema.end()) {
            return (dutch ? "een lijst met minstens " : "an array with at least ") + format_number(*min) +
                   (dutch ? " element(en)" : " item(s)");
        }
    }
    return type_word(name, dutch);
}

nlohmann::json expected_value(const nlohmann::json& root, const nlohmann::json& schema_in) {
    const nlohmann::json* resolved = resolve(root, &schema_in);
    if (resolved != nullptr && resolved->is_object()) {
        if (auto constant = resolved->find("const"); constant != resolved->end()) return *constant;
        if (auto values = resolved->find("enum"); values != resolved->end() && values->is_array()) return *values;
    }
    return describe_expectation(root, schema_in, false);
}

nlohmann::json summarize_value(const nlohmann::json& value, bool dutch) {
    const std::string size = std::to_string(value.size());
    if (value.is_array()) return dutch ? "een lijst met " + size + " element(en)" : "an array of " + size + " item(s)";
    if (value.is_object()) return dutch ? "een object met " + size + " sleutel(s)" : "an object with " + size + " key(s)";
    return value;
}

std::string describe_value(const nlohmann::json& value, bool dutch) {
    if (value.is_structured()) return summarize_value(value, dutch).get<std::string>();
    std::string text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    constexpr std::size_t limit = 60;
    if (text.size() > limit) {
        // Cut at a UTF-8 character boundary.
        std::size_t cut = limit;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
        text = text.substr(0, cut) + "...";
    }
    return text;
}

std::string closest_key(const nlohmann::json& schema, std::string_view key) {
    auto properties = schema.find("properties");
    if (properties == schema.end() || !properties->is_object()) return "";
    std::vector<std::string> names;
    for (const auto& [name, unused] : properties->items()) names.push_back(name);
    return closest_word(key, names, 2).value_or("");
}

}  // namespace lmacheck
