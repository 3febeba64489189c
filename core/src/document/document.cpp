// load_document / parse_document: from bytes to a DOM plus the loader's
// level-0 findings. The order of the checks is the order in which a person
// would want to hear about problems: size, encoding, UTF-8, then JSON.
#include "document/document.hpp"

#include "document/counting_iterator.hpp"
#include "document/dom_builder.hpp"
#include "document/dutch_reasons.hpp"
#include "document/fast_parse.hpp"
#include "document/file_bytes.hpp"
#include "document/position_index.hpp"
#include "document/text_cursor.hpp"
#include "document/text_encoding.hpp"

#include <utility>

namespace lmacheck {

Document::Document() = default;
Document::~Document() = default;
Document::Document(Document&&) noexcept = default;
Document& Document::operator=(Document&&) noexcept = default;

std::optional<SourcePosition> Document::position_of(std::string_view pointer) const {
    if (positions) return positions->find(pointer);
    // The index scanner assumes valid JSON; `json` says whether the text is.
    if (!json) return std::nullopt;
    if (!index_) index_ = std::make_unique<PositionIndex>(text());
    return index_->find(pointer);
}

std::optional<SourcePosition> Document::root_position() const {
    if (positions) return positions->find("");
    if (!json) return std::nullopt;
    const std::string_view body = text();
    const std::size_t first = body.find_first_not_of(" \t\n\r");  // JSON's whitespace
    if (first == std::string_view::npos) return std::nullopt;
    return document_detail::position_at(body, first);
}

namespace {

using document_detail::position_at;

constexpr const char* unreadable_rule = "document.unreadable";

// A file that cannot be used gets exactly one finding, this one: whatever else
// was noticed before the fatal problem (a duplicate key, say) is dropped, as
// the next run, on the repaired file, will report it with certainty.
void fail(Document& doc, std::string message_id, MessageArgs args,
          std::optional<SourcePosition> position = std::nullopt) {
    doc.json.reset();
    doc.findings.clear();
    RawFinding finding;
    finding.rule = unreadable_rule;
    finding.path = "";
    finding.message_id = std::move(message_id);
    finding.args = std::move(args);
    finding.position = position;
    doc.findings.push_back(std::move(finding));
}

// `what` is English; the Dutch message reads it as `what_key`_nl.
void fail_at(Document& doc, const char* message_id, SourcePosition position, const char* what_key, std::string what) {
    std::string dutch = dutch_reason(what);
    fail(doc, message_id,
         MessageArgs{{"line", position.line},
                     {"column", position.column},
                     {what_key, std::move(what)},
                     {std::string(what_key) + "_nl", std::move(dutch)}},
         position);
}

// nlohmann's what(): "[json.exception.parse_error.101] parse error at line 1,
// column 2: syntax error while parsing value - invalid literal; last read:
// 'x'". Its line and column count bytes and we report our own, so keep only
// the explanation. It may quote the input: keep that short and valid UTF-8.
std::string clean_reason(std::string_view what) {
    if (what.starts_with("[json.exception.")) {
        const auto end = what.find("] ");
        if (end != std::string_view::npos) what.remove_prefix(end + 2);
    }
    if (what.starts_with("parse error")) {
        const auto colon = what.find(": ");
        if (colon != std::string_view::npos) what.remove_prefix(colon + 2);
    }
    constexpr std::size_t max_length = 200;
    if (what.size() <= max_length) return document_detail::sanitize_utf8(what);
    std::size_t cut = max_length;
    while (cut > 0 && (static_cast<unsigned char>(what[cut]) & 0xC0u) == 0x80u) --cut;  // whole code points only
    return document_detail::sanitize_utf8(what.substr(0, cut)) + "...";
}

// Offset of the first byte the parser did not read, if any. nlohmann's
// lexer takes a NUL byte for the end of its input, so a parse that succeeds
// says nothing about what follows a NUL; without one it reads the whole text
// and refuses anything after the document itself. A NUL can stand nowhere
// inside a JSON value (in a string it must be escaped), so once the parser
// has accepted the text, a NUL anywhere is the first byte after the
// document that is not whitespace. (memchr: one fast pass, no JSON scanning.)
std::optional<std::size_t> trailing_content(std::string_view text) {
    const std::size_t nul = text.find('\0');
    if (nul == std::string_view::npos) return std::nullopt;
    return nul;
}

}  // namespace

Document parse_document(std::string bytes, std::string name, const LoadLimits& limits, ParsePath path) {
    std::string sha256 = sha256_hex(bytes);  // of the original bytes, BOM included
    Document doc = parse_unhashed_document(std::move(bytes), std::move(name), limits, path);
    doc.sha256 = std::move(sha256);
    return doc;
}

Document parse_unhashed_document(std::string bytes, std::string name, const LoadLimits& limits, ParsePath path) {
    Document doc;
    doc.name = std::move(name);

    if (bytes.size() > limits.max_bytes) {
        const auto size = static_cast<std::uintmax_t>(bytes.size());
        fail(doc, "too-large", MessageArgs{{"size", size}, {"limit", limits.max_bytes}});
        return doc;
    }
    if (const auto encoding = document_detail::foreign_encoding(bytes)) {
        doc.bytes = std::move(bytes);
        fail(doc, "utf16", MessageArgs{{"encoding", std::string(*encoding)}});
        return doc;
    }
    doc.bytes = std::move(bytes);
    doc.bom_length_ = document_detail::utf8_bom_length(doc.bytes);
    const std::string_view text = doc.text();

    // One BOM is tolerated; a second is not whitespace. The parser would skip
    // it silently, and a stored file starting with two could not be read back.
    if (document_detail::utf8_bom_length(text) > 0) {
        fail_at(doc, "parse-error", SourcePosition{1, 1}, "reason",
                "a second byte-order mark (U+FEFF) at the start of the file; only one is allowed");
        return doc;
    }

    if (text.empty()) {
        fail_at(doc, "parse-error", SourcePosition{1, 1}, "reason", "the file is empty");
        return doc;
    }

    // simdjson validates all of the text as UTF-8 itself, so the scan below
    // runs only for text it refused.
    if (path == ParsePath::fast_when_possible) {
        if (auto fast = document_detail::fast_parse(text, limits.max_depth)) {
            doc.json = std::move(*fast);
            return doc;
        }
    }

    // Checked before nlohmann parses, not left to it: it only validates inside
    // strings, and elsewhere would quote the broken bytes in its message.
    if (auto bad = document_detail::find_invalid_utf8(text)) {
        const char* message_id =
            document_detail::looks_like_windows_1252(text) ? "not-utf8-windows-1252" : "not-utf8";
        fail_at(doc, message_id, position_at(text, bad->offset), "detail", std::move(bad->detail));
        return doc;
    }

    nlohmann::json root;
    const char* consumed = text.data();
    document_detail::DomBuilder builder(root, text, &consumed, limits.max_depth);
    const document_detail::CountingIterator first(text.data(), &consumed);
    const document_detail::CountingIterator last(text.data() + text.size(), &consumed);
    if (!nlohmann::json::sax_parse(first, last, &builder)) {
        if (const auto& offset = builder.too_deep_offset()) {
            const SourcePosition at = position_at(text, *offset);
            fail(doc, "too-deep", MessageArgs{{"limit", limits.max_depth}, {"line", at.line}, {"column", at.column}},
                 at);
            return doc;
        }
        if (const auto& error = builder.syntax_error()) {
            const SourcePosition at = position_at(text, error->offset);
            // Unreachable after the check above, kept in case nlohmann finds
            // something that check does not.
            if (error->what.find("ill-formed UTF-8") != std::string::npos) {
                fail_at(doc, "not-utf8", at, "detail", clean_reason(error->what));
                return doc;
            }
            fail_at(doc, "parse-error", at, "reason", clean_reason(error->what));
            return doc;
        }
        fail_at(doc, "parse-error", position_at(text, text.size()), "reason", "the JSON parser stopped");
        return doc;
    }
    // Checked on the bytes, whatever the parser made of them (see
    // trailing_content): `{...} NUL anything` is not a document.
    if (const auto extra = trailing_content(text)) {
        const SourcePosition at = position_at(text, *extra);
        fail(doc, "trailing-content", MessageArgs{{"line", at.line}, {"column", at.column}}, at);
        return doc;
    }
    doc.json = std::move(root);

    // Keys arrive in text order, so one cursor walks the text once for all.
    document_detail::TextCursor cursor(text);
    for (const auto& duplicate : builder.duplicates()) {
        RawFinding finding;
        finding.rule = "document.duplicate-key";
        finding.path = duplicate.object_pointer;
        finding.message_id = "duplicate-key";
        finding.args = MessageArgs{{"key", duplicate.key}};
        if (duplicate.key_offset) finding.position = cursor.at(*duplicate.key_offset);
        doc.findings.push_back(std::move(finding));
    }
    return doc;
}

Document load_document(const std::filesystem::path& file, std::string name, const LoadLimits& limits) {
    auto bytes = document_detail::read_file_bytes(file, limits.max_bytes);
    if (auto* content = std::get_if<std::string>(&bytes)) {
        return parse_document(std::move(*content), std::move(name), limits);
    }
    Document doc;
    doc.name = std::move(name);
    if (const auto* failure = std::get_if<document_detail::CannotRead>(&bytes)) {
        fail(doc, "cannot-read",
             MessageArgs{{"reason", failure->reason}, {"reason_nl", dutch_reason(failure->reason)}});
    } else {
        const auto& too_large = std::get<document_detail::TooLarge>(bytes);
        if (too_large.size_known) {
            fail(doc, "too-large", MessageArgs{{"size", too_large.size}, {"limit", limits.max_bytes}});
        } else {
            // Only what was read is known, not the file's size.
            fail(doc, "too-large-read", MessageArgs{{"limit", limits.max_bytes}});
        }
    }
    return doc;  // sha256 stays nullopt: the file was not read (in full)
}

}  // namespace lmacheck
