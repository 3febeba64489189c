// libFuzzer target: differential tests of the document loader.
//
// 1. Its two parse paths against each other: the fast path (simdjson, then a
//    copy into nlohmann::json; document/fast_parse.*) and the exact path
//    (nlohmann's SAX parser and the DOM builder) must give the same Document:
//    the same verdict, the same DOM with the same value types, the same
//    findings at the same positions.
// 2. The exact path against a second, independent JSON parser (simdjson's DOM
//    parser, from Debian). Every input is parsed by both; the target aborts
//    when one accepts what the other refuses. This is how `{...} NUL anything` would have been found: nlohmann's
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

#include <cmath>
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

// Equal values of equal types (nlohmann's == calls 0 and 0u, 1 and 1.0,
// 0.0 and -0.0 equal).
bool same_value(const nlohmann::json& a, const nlohmann::json& b) {
    if (a.type() != b.type()) return false;
    if (a.is_object()) {
        if (a.size() != b.size()) return false;
        for (auto x = a.begin(), y = b.begin(); x != a.end(); ++x, ++y) {
            if (x.key() != y.key() || !same_value(*x, *y)) return false;
        }
        return true;
    }
    if (a.is_array()) {
        if (a.size() != b.size()) return false;
        for (std::size_t i = 0; i < a.size(); ++i) {
            if (!same_value(a[i], b[i])) return false;
        }
        return true;
    }
    if (a.is_number_float()) {
        const double x = a.get<double>();
        const double y = b.get<double>();
        return x == y && std::signbit(x) == std::signbit(y);
    }
    return a == b;
}

std::string describe(const lmacheck::RawFinding& finding) {
    std::string text = finding.rule + " " + finding.path + " " + finding.message_id;
    for (const auto& [name, value] : finding.args) text += " " + name + "=" + value.dump();
    if (finding.position) {
        text += " @" + std::to_string(finding.position->line) + ":" + std::to_string(finding.position->column);
    }
    return text;
}

void expect_same_document(const lmacheck::Document& fast, const lmacheck::Document& exact) {
    bool same = fast.json.has_value() == exact.json.has_value() && fast.findings.size() == exact.findings.size();
    if (same && fast.json) same = same_value(*fast.json, *exact.json);
    for (std::size_t i = 0; same && i < fast.findings.size(); ++i) {
        same = describe(fast.findings[i]) == describe(exact.findings[i]);
    }
    if (same) return;
    std::fprintf(stderr, "fuzz_differential: the fast and the exact parse path disagree: %s / %s\n",
                 fast.json ? fast.json->dump().substr(0, 200).c_str() : "refused",
                 exact.json ? exact.json->dump().substr(0, 200).c_str() : "refused");
    std::abort();
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
    const lmacheck::Document doc = lmacheck::parse_document(bytes, "fuzz.json", limits, lmacheck::ParsePath::exact);
    expect_same_document(lmacheck::parse_document(bytes, "fuzz.json", limits), doc);
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
