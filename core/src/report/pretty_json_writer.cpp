#include "report/pretty_json_writer.hpp"

#include <algorithm>

namespace lmacheck {
namespace {

constexpr int indent_step = 2;

// nlohmann's serializer for one value, invalid UTF-8 replaced: file names
// can hold any bytes.
std::string dump(const nlohmann::json& value, int indent) {
    return value.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Appends `text` as a JSON string. Most strings of a report (keys, rule ids,
// file names, hashes) are printable ASCII without a quote or backslash: they
// are copied as they are. Anything else goes through nlohmann's serializer,
// which escapes control characters and replaces invalid UTF-8; setting one
// up costs more than the copy, so it is kept for the rare string.
void append_string(std::string& out, std::string_view text) {
    const bool plain = std::all_of(text.begin(), text.end(), [](char c) {
        return c >= 0x20 && c < 0x7F && c != '"' && c != '\\';
    });
    if (!plain) {
        out += dump(nlohmann::json(text), -1);
        return;
    }
    out += '"';
    out += text;
    out += '"';
}

}  // namespace

void PrettyJsonWriter::newline_and_indent() {
    out_ += '\n';
    out_.append(members_.size() * indent_step, ' ');
}

void PrettyJsonWriter::before_value() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (members_.empty()) return;  // the top-level value
    if (members_.back()++ > 0) out_ += ',';
    newline_and_indent();
}

PrettyJsonWriter& PrettyJsonWriter::key(std::string_view name) {
    if (members_.back()++ > 0) out_ += ',';
    newline_and_indent();
    append_string(out_, name);
    out_ += ": ";
    after_key_ = true;
    return *this;
}

void PrettyJsonWriter::open(char bracket) {
    before_value();
    out_ += bracket;
    members_.push_back(0);
}

void PrettyJsonWriter::close(char bracket) {
    const int written = members_.back();
    members_.pop_back();
    if (written > 0) newline_and_indent();
    out_ += bracket;
}

void PrettyJsonWriter::element(std::string_view literal) {
    before_value();
    out_ += literal;
}

void PrettyJsonWriter::string(std::string_view text) {
    before_value();
    append_string(out_, text);
}

void PrettyJsonWriter::number(long long value) { element(std::to_string(value)); }

void PrettyJsonWriter::value(const nlohmann::json& v) {
    before_value();
    // dump(2) indents from column 0; every line after the first moves to
    // this depth. Strings in the dump hold no raw newline (JSON escapes it),
    // so each '\n' is a line break of the layout.
    const std::string text = dump(v, indent_step);
    const std::string indent(members_.size() * indent_step, ' ');
    for (const char c : text) {
        out_ += c;
        if (c == '\n') out_ += indent;
    }
}

}  // namespace lmacheck
