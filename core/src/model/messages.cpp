#include "model/messages.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace lmacheck {
namespace {

std::string render_arg(const nlohmann::json& value, Language language) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_number_integer()) return value.dump();
    if (value.is_number_float()) return format_number(value.get<double>(), language);
    return value.dump();
}

}  // namespace

std::string format_number(double value, Language language) {
    if (!std::isfinite(value)) return std::isnan(value) ? "NaN" : (value > 0 ? "inf" : "-inf");
    // Two decimals for the magnitudes figures have; beyond 1e15 fixed
    // notation runs to hundreds of digits (1e308 has 309), so scientific.
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, std::abs(value) < 1e15 ? "%.2f" : "%.6g", value);
    std::string text = buffer;
    if (language == Language::nl) {
        for (char& c : text) {
            if (c == '.') c = ',';
        }
    }
    return text;
}

std::string render_message(const std::vector<MessageTemplate>& templates, std::string_view message_id,
                           const MessageArgs& args, Language language) {
    const MessageTemplate* chosen = nullptr;
    for (const MessageTemplate& candidate : templates) {
        if (candidate.id == message_id) chosen = &candidate;
    }
    if (chosen == nullptr) return "[missing message " + std::string(message_id) + "]";
    const std::string& text = language == Language::nl && !chosen->nl.empty() ? chosen->nl : chosen->en;

    // The text between placeholders is copied a stretch at a time: a run
    // words a message for every finding and every skipped file.
    std::string out;
    out.reserve(text.size() + 32);
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t open = text.find('{', i);
        if (open == std::string::npos) {
            out.append(text, i);
            break;
        }
        out.append(text, i, open - i);
        if (const std::size_t close = text.find('}', open); close != std::string::npos) {
            const std::string_view name(text.data() + open + 1, close - open - 1);
            const auto arg = std::find_if(args.begin(), args.end(), [&](const auto& a) { return a.first == name; });
            if (arg != args.end()) {
                out += render_arg(arg->second, language);
                i = close + 1;
                continue;
            }
        }
        out.push_back('{');  // not a placeholder of this message: written as it is
        i = open + 1;
    }
    return out;
}

}  // namespace lmacheck
