// A fast yes/no judge of "does this document satisfy the schema", for the
// common case: a valid submission. Valijson copies its context vector (a
// vector of strings) for every value it visits and keeps a std::set of the
// matched property names for every object, which costs several times the
// parse; a valid document needs none of that. When this says "valid" the
// structure check is done; otherwise valijson runs as before and explains.
//
// It handles the part of draft 7 lmacheck's schemas use: type, enum, const
// (strings, booleans, null), minimum and maximum, minLength and maxLength,
// pattern, format date-time (lmacheck's strict RFC 3339 check, as the
// valijson path uses), properties, required, additionalProperties, items (one
// schema), minItems, the schemas true and false, and local
// "#/definitions/..." references; annotations are ignored. A schema with
// anything else, or with a reference cycle, is not compiled (compile()
// returns nullptr) and every document goes to valijson.
//
// Each check follows draft 7 exactly, as the valijson path does with
// lmacheck's stand-ins (strict types; numbers compared by their exact values
// and string lengths in code points, NUL included: schema/exact_measure.hpp),
// so that the two agree on every document. tests/core/schema_truth_test.cpp
// holds both to the JSON-Schema-Test-Suite, the samples and a national year;
// fuzz/fuzz_schema.cpp compares them on arbitrary documents.
#pragma once

#include <nlohmann/json.hpp>

#include <memory>
#include <vector>

namespace lmacheck {

class FastSchema {
public:
    // nullptr when the schema uses anything this judge does not handle.
    static std::unique_ptr<const FastSchema> compile(const nlohmann::json& schema);

    ~FastSchema();
    FastSchema(const FastSchema&) = delete;
    FastSchema& operator=(const FastSchema&) = delete;

    // Thread-safe: nothing is cached or changed while validating.
    bool accepts(const nlohmann::json& document) const;

    struct Node;  // one compiled subschema (fast_schema.cpp)

private:
    FastSchema();
    class Compiler;
    std::vector<std::unique_ptr<Node>> nodes_;  // every node, each compiled once
    const Node* root_ = nullptr;
};

}  // namespace lmacheck
