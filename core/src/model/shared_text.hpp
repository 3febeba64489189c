// An immutable text that many per-file records repeat word for word: the
// ids of the rules that ran, the reasons rules were skipped. A run keeps one
// record per file until its report is written, and a std::string per rule
// per file (a heap copy for every id longer than 15 characters) was the
// largest part of a long run's memory (docs/performance.md). Copies of a
// SharedText share one string; whoever makes the text once (the rule plan,
// the engine's skip reasons) hands out copies.
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <string_view>

namespace lmacheck {

class SharedText {
public:
    SharedText() : text_(no_text()) {}
    // Implicit, so that a record can be given any text; only copies of one
    // SharedText share its string.
    SharedText(std::string text) : text_(std::make_shared<const std::string>(std::move(text))) {}  // NOLINT
    SharedText(const char* text) : SharedText(std::string(text)) {}                                // NOLINT

    const std::string& str() const { return *text_; }
    // Reads as the text it is.
    operator const std::string&() const { return *text_; }                 // NOLINT
    operator std::string_view() const { return *text_; }                    // NOLINT
    bool empty() const { return text_->empty(); }
    bool starts_with(std::string_view prefix) const { return text_->starts_with(prefix); }

    friend bool operator==(const SharedText& a, const SharedText& b) { return a.str() == b.str(); }
    friend bool operator==(const SharedText& a, std::string_view b) { return a.str() == b; }
    friend bool operator==(const SharedText& a, const char* b) { return a.str() == b; }
    friend bool operator==(const SharedText& a, const std::string& b) { return a.str() == b; }
    friend std::ostream& operator<<(std::ostream& out, const SharedText& text) { return out << text.str(); }

private:
    static const std::shared_ptr<const std::string>& no_text() {
        static const auto none = std::make_shared<const std::string>();
        return none;
    }
    std::shared_ptr<const std::string> text_;
};

}  // namespace lmacheck
