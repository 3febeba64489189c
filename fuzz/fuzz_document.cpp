// libFuzzer target for the document loader: any bytes must give a Document,
// never a crash, a hang or undefined behaviour, and the loader's answers must
// agree with each other:
// - a document is either JSON or has exactly one document.unreadable finding;
// - every value of the parsed DOM has a source position (the position index
//   scans the text on its own, so this cross-checks it against the parser);
// - pointers that name nothing, or are malformed, give no position.
#include "document/document.hpp"

#include "lmacheck/json_pointer.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

using lmacheck::Document;

[[noreturn]] void fail(const char* what, const std::string& detail) {
    std::fprintf(stderr, "fuzz_document: %s: %s\n", what, detail.c_str());
    std::abort();
}

// Pointers of the DOM's values, breadth-first, at most `limit` of them: enough
// to reach every kind of value without making each input cost O(size^2).
std::vector<std::string> some_pointers(const nlohmann::json& root, std::size_t limit) {
    std::vector<std::pair<std::string, const nlohmann::json*>> queue{{"", &root}};
    std::vector<std::string> pointers;
    for (std::size_t i = 0; i < queue.size() && pointers.size() < limit; ++i) {
        const auto [pointer, value] = queue[i];
        pointers.push_back(pointer);
        if (value->is_object()) {
            for (const auto& [key, child] : value->items()) {
                std::string next = pointer;
                lmacheck::append_token(next, key);
                queue.emplace_back(std::move(next), &child);
                if (queue.size() > limit) break;
            }
        } else if (value->is_array()) {
            for (std::size_t k = 0; k < value->size() && queue.size() <= limit; ++k) {
                std::string next = pointer;
                lmacheck::append_token(next, k);
                queue.emplace_back(std::move(next), &(*value)[k]);
            }
        }
    }
    return pointers;
}

void check_positions(const Document& doc) {
    for (const std::string& pointer : some_pointers(*doc.json, 64)) {
        const auto position = doc.position_of(pointer);
        if (!position) fail("a value of the DOM has no position", pointer);
        if (position->line < 1 || position->column < 1) fail("position below 1:1", pointer);
    }
    // Malformed or dangling pointers resolve to nothing (and do not crash).
    for (const char* pointer : {"x", "/~", "/~2", "/-", "/00", "/99999999999", "/\xff", "//", "/a/b/c/d"}) {
        (void)doc.position_of(pointer);
    }
    if (doc.position_of("/~2") || doc.position_of("x")) fail("a malformed pointer resolved", "");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    lmacheck::LoadLimits limits;
    limits.max_bytes = 1u << 20;
    limits.max_depth = 64;  // small, so that the limit itself is reached often
    const Document doc =
        lmacheck::parse_document(std::string(reinterpret_cast<const char*>(data), size), "fuzz.json", limits);
    if (!doc.sha256 || doc.sha256->size() != 64) fail("no SHA-256 for bytes in memory", "");
    if (doc.json) {
        for (const auto& finding : doc.findings) {
            if (finding.rule != "document.duplicate-key") fail("a parsed document has the finding", finding.rule);
        }
        check_positions(doc);
    } else {
        if (doc.findings.size() != 1 || doc.findings[0].rule != "document.unreadable") {
            fail("an unparsed document without exactly one document.unreadable", std::to_string(doc.findings.size()));
        }
        if (doc.position_of("")) fail("an unparsed document has positions", "");
    }
    return 0;
}
