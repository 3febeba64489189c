// Level 0, `schema.structure`: the JSON Schema of a submission's kind and
// format version, with valijson as the validator. Valijson reports every
// parent of a failing value too, names the place as a context vector and
// stops at the first unknown key; this layer turns its output into one
// finding per violated value, at an RFC 6901 pointer, with a message that
// says what the schema expected.
#pragma once

#include "model/raw_finding.hpp"
#include "schema/fast_schema.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace valijson {
class Schema;
class Validator;
}  // namespace valijson

namespace lmacheck {

class FindingBudget;  // engine/finding_budget.hpp

// One compiled JSON Schema plus its source, which is walked to explain errors.
class CompiledSchema {
public:
    // Refuses (ConfigError) a schema with a cycle of $ref, naming it as
    // `where` (by default its name): the schema files' loader names the path.
    CompiledSchema(std::string name, nlohmann::json source, const std::string& where = {});
    ~CompiledSchema();
    CompiledSchema(const CompiledSchema&) = delete;
    CompiledSchema& operator=(const CompiledSchema&) = delete;

    const std::string& name() const { return name_; }
    const nlohmann::json& source() const { return source_; }
    // valijson's form of the schema, compiled on first use (thread-safe):
    // documents the fast judge accepts never need it, so a run of valid
    // files (and every cold start on one) skips compiling it. A schema the
    // fast judge cannot take is compiled at once, so that a broken schema
    // still stops the run before any file is judged.
    const valijson::Schema& compiled() const;
    // The fast judge of valid documents; nullptr when the schema uses more
    // than it handles (then valijson judges every document).
    const FastSchema* fast() const { return fast_.get(); }

private:
    std::string name_;
    nlohmann::json source_;
    mutable std::once_flag compile_once_;
    mutable std::unique_ptr<valijson::Schema> compiled_;
    std::unique_ptr<const FastSchema> fast_;
};

// The submission schemas of one data directory: institution and municipality
// for each format version, and the envelope schema for documents whose kind
// or version is missing or unknown.
class SubmissionSchemas {
public:
    // Reads <dir>/institution-1.0.schema.json, municipality-1.0.schema.json
    // and envelope-1.0.schema.json; throws ConfigError naming the file.
    static SubmissionSchemas load(const std::filesystem::path& dir);

    const CompiledSchema& for_document(const nlohmann::json& document) const;

private:
    std::shared_ptr<const CompiledSchema> institution_;
    std::shared_ptr<const CompiledSchema> municipality_;
    std::shared_ptr<const CompiledSchema> envelope_;
};

// Keys the reader of a document already reported once for all the records
// of a top-level array or object (a workbook's unknown or missing column,
// at its header in row 1): the schema does not report them again on each
// record, which would be one finding per row for one problem.
struct ReportedColumns {
    std::string section;            // the records' top-level key: "capacity"
    std::set<std::string> unknown;  // keys that are no field of a record
    std::set<std::string> missing;  // required keys that no record has
};

// Validates documents against compiled schemas. Holds a valijson Validator,
// whose regex cache is not thread-safe: use one StructureChecker per thread.
class StructureChecker {
public:
    StructureChecker();
    ~StructureChecker();
    StructureChecker(const StructureChecker&) = delete;
    StructureChecker& operator=(const StructureChecker&) = delete;

    // Findings for rule `rule_id` ("schema.structure" for submissions),
    // with message ids "missing-key", "unknown-key" and "invalid-value".
    // A document the fast judge accepts has no finding; any other is
    // explained by valijson.
    // With a budget, findings beyond it are counted there and not kept.
    // Unknown and missing keys of records that `reported` names are left out.
    std::vector<RawFinding> check(const CompiledSchema& schema, const nlohmann::json& document,
                                  const std::string& rule_id = "schema.structure", FindingBudget* budget = nullptr,
                                  const std::vector<ReportedColumns>* reported = nullptr);

    // Valijson's verdict alone, for comparing the two judges (fuzz/fuzz_schema.cpp).
    bool valijson_accepts(const CompiledSchema& schema, const nlohmann::json& document);

private:
    std::unique_ptr<valijson::Validator> validator_;
};

// The message templates of schema.structure.
std::vector<MessageTemplate> structure_messages();

// Converts a valijson context vector (`<root>`, `[capacity]`, `[0]`) to an
// RFC 6901 JSON Pointer ("/capacity/0"), escaping '~' and '/'.
std::string context_to_pointer(const std::vector<std::string>& context);

// Strict RFC 3339 date-time: real calendar dates (leap years), hours 00-23,
// seconds 00-60, optional fraction, offset `Z` or `+hh:mm` / `-hh:mm`.
bool is_rfc3339_date_time(std::string_view text);

}  // namespace lmacheck
