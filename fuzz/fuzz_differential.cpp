// libFuzzer target: a differential test of the document loader against a
// second, independent JSON parser (simdjson's DOM parser, from Debian). Every
// input is parsed by both; the target aborts when one accepts what the other
// refuses. This is how `{...} NUL anything` would have been found: nlohmann's
// lexer takes a NUL byte for the end of the input, simdjson does not.
//
// The documented differences, which are not disagreements:
// - Limits: lmacheck refuses what is larger or deeper than its LoadLimits
//   (document.unreadable too-large / too-deep). Inputs it refuses for a limit
//   are skipped. The depth limit here (64) is far below simdjson's (1024), so
//   simdjson never refuses for depth what lmacheck accepts.
// - A UTF-8 BOM: lmacheck skips one at the start (decisions.md); simdjson
//   leaves that to its caller, so it gets the text after the BOM, as lmacheck
//   parses it.
// - Duplicate keys: lmacheck accepts the document with a
//   document.duplicate-key finding; simdjson's DOM accepts it too. Both are
//   "accepted" here.
// - Integers beyond 64 bits (18446744073709551616, -9223372036854775809):
//   lmacheck keeps them as doubles (decisions.md: the schema then refuses a
//   count like that instead of seeing it truncated); simdjson 3's DOM refuses
//   them (NUMBER_ERROR). When simdjson refuses a number and the
//   text holds such an integer literal, the input is skipped. Numbers beyond
//   double range (1e400) are refused by both; underflow (1e-400) is 0 for both.
// Nothing else is excluded: encodings (UTF-16/32 and invalid UTF-8 are refused
// by both), control characters in strings, escapes, surrogates, literals and
// trailing content must get the same verdict.
#include "document/document.hpp"

#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

bool refused_for_a_limit(const lmacheck::Document& doc) {
    if (doc.json || doc.findings.empty()) return false;
    const std::string& why = doc.findings.front().message_id;
    return why == "too-large" || why == "too-deep";
}

// Whether `digits` (no sign, no leading zeros) is more than `limit`.
bool beyond(std::string_view digits, std::string_view limit) {
    return digits.size() != limit.size() ? digits.size() > limit.size() : digits > limit;
}

// Whether the text holds, outside strings, an integer literal (no fraction,
// no exponent) beyond uint64 (positive) or int64 (negative).
bool has_integer_beyond_64_bits(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        if (c == '"') {
            for (++i; i < text.size() && text[i] != '"'; ++i) {
                if (text[i] == '\\') ++i;
            }
            ++i;
            continue;
        }
        if (c != '-' && (c < '0' || c > '9')) {
            ++i;
            continue;
        }
        const std::size_t start = i;
        while (i < text.size() && (text[i] == '-' || text[i] == '+' || text[i] == '.' || text[i] == 'e' ||
                                   text[i] == 'E' || (text[i] >= '0' && text[i] <= '9'))) {
            ++i;
        }
        std::string_view token = text.substr(start, i - start);
        if (token.find_first_of(".eE+") != std::string_view::npos) continue;
        const bool negative = token.starts_with('-');
        if (negative) token.remove_prefix(1);
        if (token.find('-') != std::string_view::npos) continue;
        while (token.size() > 1 && token.front() == '0') token.remove_prefix(1);
        if (beyond(token, negative ? "9223372036854775808" : "18446744073709551615")) return true;
    }
    return false;
}

[[noreturn]] void disagree(const char* lmacheck_verdict, const char* simdjson_verdict, const std::string& detail) {
    std::fprintf(stderr, "fuzz_differential: lmacheck %s, simdjson %s: %s\n", lmacheck_verdict, simdjson_verdict,
                 detail.c_str());
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    lmacheck::LoadLimits limits;
    limits.max_bytes = 1u << 20;
    limits.max_depth = 64;
    const lmacheck::Document doc = lmacheck::parse_document(bytes, "fuzz.json", limits);
    if (refused_for_a_limit(doc)) return 0;

    std::string_view text = bytes;
    if (text.starts_with(utf8_bom)) text.remove_prefix(utf8_bom.size());
    static simdjson::dom::parser parser;
    const simdjson::padded_string padded(text);
    simdjson::dom::element root;
    const simdjson::error_code error = parser.parse(padded).get(root);

    const bool lmacheck_accepts = doc.json.has_value();
    const bool simdjson_accepts = error == simdjson::SUCCESS;
    if (lmacheck_accepts && error == simdjson::NUMBER_ERROR && has_integer_beyond_64_bits(text)) {
        return 0;  // a documented difference (see the top of this file)
    }
    if (lmacheck_accepts && !simdjson_accepts) disagree("accepts", "refuses", simdjson::error_message(error));
    if (!lmacheck_accepts && simdjson_accepts) {
        const auto& finding = doc.findings.front();
        std::string detail = finding.message_id;
        for (const auto& [name, value] : finding.args) detail += " " + name + "=" + value.dump();
        disagree("refuses", "accepts", detail);
    }
    return 0;
}
