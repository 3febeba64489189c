#include "store/submission_time.hpp"

#include <cctype>
#include <cstdint>
#include <cstdio>

namespace lmacheck {
namespace {

// Reads `count` decimal digits at `at`, advancing it.
std::optional<int> digits(std::string_view text, std::size_t& at, std::size_t count) {
    if (at + count > text.size()) return std::nullopt;
    int value = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const char c = text[at + i];
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    at += count;
    return value;
}

bool expect(std::string_view text, std::size_t& at, char wanted) {
    if (at >= text.size() || std::toupper(static_cast<unsigned char>(text[at])) != wanted) return false;
    ++at;
    return true;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Civil {
    std::int64_t year;
    unsigned month, day;
};

Civil civil_from_days(std::int64_t z) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return Civil{static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

}  // namespace

std::optional<std::string> normalized_utc(std::string_view text) {
    std::size_t at = 0;
    const auto year = digits(text, at, 4);
    if (!year || !expect(text, at, '-')) return std::nullopt;
    const auto month = digits(text, at, 2);
    if (!month || !expect(text, at, '-')) return std::nullopt;
    const auto day = digits(text, at, 2);
    if (!day || !expect(text, at, 'T')) return std::nullopt;
    const auto hour = digits(text, at, 2);
    if (!hour || !expect(text, at, ':')) return std::nullopt;
    const auto minute = digits(text, at, 2);
    if (!minute || !expect(text, at, ':')) return std::nullopt;
    const auto second = digits(text, at, 2);
    if (!second) return std::nullopt;
    if (*month < 1 || *month > 12 || *day < 1 || *day > 31 || *hour > 23 || *minute > 59 || *second > 60) {
        return std::nullopt;
    }
    std::string fraction;
    if (at < text.size() && text[at] == '.') {
        ++at;
        while (at < text.size() && text[at] >= '0' && text[at] <= '9') fraction += text[at++];
        if (fraction.empty()) return std::nullopt;
    }
    fraction.resize(9, '0');  // nanoseconds; finer digits cannot order two submissions
    int offset_minutes = 0;
    if (at < text.size() && (text[at] == '+' || text[at] == '-')) {
        const int sign = text[at] == '-' ? -1 : 1;
        ++at;
        const auto offset_hours = digits(text, at, 2);
        if (!offset_hours || !expect(text, at, ':')) return std::nullopt;
        const auto offset_mins = digits(text, at, 2);
        if (!offset_mins || *offset_hours > 23 || *offset_mins > 59) return std::nullopt;
        offset_minutes = sign * (*offset_hours * 60 + *offset_mins);
    } else if (!expect(text, at, 'Z')) {
        return std::nullopt;
    }
    if (at != text.size()) return std::nullopt;

    // A leap second (:60) stays in its minute: it sorts after :59 of it.
    const int leap = *second == 60 ? 1 : 0;
    const std::int64_t seconds = days_from_civil(*year, static_cast<unsigned>(*month), static_cast<unsigned>(*day)) * 86400 +
                                 *hour * 3600 + *minute * 60 + (*second - leap) - offset_minutes * 60;
    const std::int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
    const std::int64_t in_day = seconds - days * 86400;
    const Civil utc = civil_from_days(days);
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02uT%02lld:%02lld:%02lld.%sZ", static_cast<long long>(utc.year),
                  utc.month, utc.day, static_cast<long long>(in_day / 3600), static_cast<long long>(in_day / 60 % 60),
                  static_cast<long long>(in_day % 60 + leap), fraction.c_str());
    return std::string(buffer);
}

std::optional<std::string> submitted_at_of(const nlohmann::json& document) {
    if (!document.is_object()) return std::nullopt;
    const auto it = document.find("submitted_at");
    if (it == document.end() || !it->is_string()) return std::nullopt;
    return normalized_utc(it->get_ref<const std::string&>());
}

std::optional<std::string> submitted_at_of_bytes(std::string_view bytes) {
    if (bytes.substr(0, 3) == std::string_view("\xEF\xBB\xBF", 3)) bytes.remove_prefix(3);
    const nlohmann::json document = nlohmann::json::parse(bytes, nullptr, /*allow_exceptions=*/false);
    return submitted_at_of(document);
}

}  // namespace lmacheck
