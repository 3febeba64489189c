// Reading a submission file: bytes, SHA-256, parse with duplicate-key and
// depth detection, and (lazily) the source position of any JSON Pointer.
// Sound text is parsed by simdjson (fast_parse.hpp); whatever it cannot
// decide goes to the exact path (dom_builder.hpp), which places every problem.
#pragma once

#include "model/raw_finding.hpp"
#include "lmacheck/finding.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lmacheck {

struct LoadLimits {
    std::uintmax_t max_bytes = 64ull * 1024 * 1024;  // larger files: document.unreadable
    int max_depth = 512;                             // deeper nesting: document.unreadable
};

// Which parser reads the text. Both give the same Document (the same DOM,
// the same findings); `exact` exists for the tests and fuzzers that prove it.
enum class ParsePath {
    fast_when_possible,  // simdjson first; the exact path when it cannot decide
    exact,               // nlohmann's SAX parser with the DOM builder only
};

class PositionIndex;  // built on first use, see position_of()

// Where the values of a document that is not a JSON text sit (a workbook's
// cells): set by the reader that built the document, and then asked instead
// of the JSON text's index.
class PositionSource {
public:
    virtual ~PositionSource() = default;
    virtual std::optional<SourcePosition> find(std::string_view pointer) const = 0;
};

class Document {
public:
    Document();
    ~Document();
    Document(Document&&) noexcept;
    Document& operator=(Document&&) noexcept;

    std::string name;                   // the path as shown in reports
    std::optional<std::string> sha256;  // lowercase hex of the file's bytes; nullopt if unreadable
    std::string bytes;                  // the file's bytes as read, a UTF-8 BOM included
    // The bytes after a UTF-8 BOM, if any: what was parsed.
    std::string_view text() const { return std::string_view(bytes).substr(bom_length_); }
    std::optional<nlohmann::json> json; // nullopt when the file is not valid JSON (or too deep/large)
    // Level-0 findings of the loader: document.unreadable (path "", with the
    // parse error's position) and document.duplicate-key (at the object).
    std::vector<RawFinding> findings;
    // Set when the document was not read from JSON text (a workbook): the
    // positions of its values. `bytes` are then the file's own bytes.
    std::shared_ptr<const PositionSource> positions;

    // Line and column (1-based; columns in Unicode code points; a BOM not
    // counted) where the value at `pointer` starts; for "" the document's first
    // value. nullopt when the pointer does not resolve or the text is not JSON.
    // The index is built once, on first call, in one pass over the text.
    std::optional<SourcePosition> position_of(std::string_view pointer) const;
    // position_of(""), without building the index.
    std::optional<SourcePosition> root_position() const;

private:
    friend Document parse_unhashed_document(std::string bytes, std::string name, const LoadLimits& limits,
                                            ParsePath path);

    std::size_t bom_length_ = 0;
    mutable std::unique_ptr<PositionIndex> index_;
};

// Reads and parses a file. Never throws for bad content: problems become
// findings. `name` is what reports call the file.
Document load_document(const std::filesystem::path& file, std::string name, const LoadLimits& limits);

// The same for bytes already in memory (the upload service, tests).
Document parse_document(std::string bytes, std::string name, const LoadLimits& limits,
                        ParsePath path = ParsePath::fast_when_possible);

// The same without the SHA-256 (`sha256` stays empty), for the tool's own
// configuration files (document/config_json.hpp): nobody stores or compares
// them, and hashing them was a tenth of a one-file run's instructions.
Document parse_unhashed_document(std::string bytes, std::string name, const LoadLimits& limits,
                                 ParsePath path = ParsePath::fast_when_possible);

// Lowercase hex SHA-256 of `bytes` (Nettle).
std::string sha256_hex(std::string_view bytes);

}  // namespace lmacheck
