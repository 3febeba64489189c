// Writes JSON straight into a string, indented as nlohmann's dump(2) does,
// without building a document tree first: the JSON report of a national
// batch is thousands of submissions, and a tree of them costs more than
// the writing.
//
// Output is byte for byte what `ordered_json::dump(2, ' ', false, replace)`
// gives for the same keys in the same order: strings are escaped by
// nlohmann's own serializer (invalid UTF-8 replaced), numbers formatted by it.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace lmacheck {

class PrettyJsonWriter {
public:
    explicit PrettyJsonWriter(std::string& out) : out_(out) {}

    void begin_object() { open('{'); }
    void end_object() { close('}'); }
    void begin_array() { open('['); }
    void end_array() { close(']'); }

    // The key of the next member of the current object.
    PrettyJsonWriter& key(std::string_view name);

    void string(std::string_view text);
    void number(long long value);
    void boolean(bool value) { element(value ? "true" : "false"); }
    void null() { element("null"); }
    // Any JSON value (objects with their keys sorted, as nlohmann::json holds them).
    void value(const nlohmann::json& value);

    // "key": value, for the common case.
    template <typename T>
    void member(std::string_view name, const T& v) {
        key(name);
        if constexpr (std::is_same_v<T, bool>) {
            boolean(v);
        } else if constexpr (std::is_integral_v<T>) {
            number(static_cast<long long>(v));
        } else {
            string(v);
        }
    }

private:
    void open(char bracket);
    void close(char bracket);
    // Before a value: the comma and newline of an array element, nothing
    // after a key (key() wrote them).
    void before_value();
    void element(std::string_view literal);
    void newline_and_indent();

    std::string& out_;
    std::vector<int> members_;  // per open container: elements written so far
    bool after_key_ = false;
};

}  // namespace lmacheck
