// A strict RFC 3339 date-time check, by hand because valijson's own `format`
// check accepts impossible dates (it knows no month lengths) and builds a
// std::regex on every call.
#include "schema/structure_check.hpp"

#include <cstddef>
#include <string_view>

namespace lmacheck {
namespace {

// Reads exactly `width` digits at `pos`; false when any is not a digit.
bool read_digits(std::string_view text, std::size_t pos, std::size_t width, int& value) {
    if (pos + width > text.size()) return false;
    value = 0;
    for (std::size_t i = pos; i < pos + width; ++i) {
        const char c = text[i];
        if (c < '0' || c > '9') return false;
        value = value * 10 + (c - '0');
    }
    return true;
}

int days_in_month(int year, int month) {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

}  // namespace

bool is_rfc3339_date_time(std::string_view text) {
    // full-date "T" partial-time time-offset:  YYYY-MM-DDTHH:MM:SS[.frac](Z|+hh:mm|-hh:mm)
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!read_digits(text, 0, 4, year) || text.size() < 20 || text[4] != '-' ||
        !read_digits(text, 5, 2, month) || text[7] != '-' || !read_digits(text, 8, 2, day) ||
        (text[10] != 'T' && text[10] != 't') || !read_digits(text, 11, 2, hour) || text[13] != ':' ||
        !read_digits(text, 14, 2, minute) || text[16] != ':' || !read_digits(text, 17, 2, second)) {
        return false;
    }
    if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) return false;
    if (hour > 23 || minute > 59 || second > 60) return false;  // 60: a leap second

    std::size_t pos = 19;
    if (text[pos] == '.') {
        const std::size_t first = ++pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
        if (pos == first) return false;
    }
    if (pos >= text.size()) return false;
    if (text[pos] == 'Z' || text[pos] == 'z') return pos + 1 == text.size();
    if (text[pos] != '+' && text[pos] != '-') return false;
    int offset_hour = 0, offset_minute = 0;
    return pos + 6 == text.size() && read_digits(text, pos + 1, 2, offset_hour) && text[pos + 3] == ':' &&
           read_digits(text, pos + 4, 2, offset_minute) && offset_hour <= 23 && offset_minute <= 59;
}

}  // namespace lmacheck
