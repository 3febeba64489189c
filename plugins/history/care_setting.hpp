// Financing streams by care setting. The 2015 reform renamed the streams:
// AWBZ B (long stay) became Wlz, AWBZ C (sheltered housing) became Wmo
// beschermd wonen, so history rules compare streams by setting, not by name.
#pragma once

#include <optional>
#include <string_view>

namespace lmacheck::rules::history {

enum class CareSetting { clinical, long_stay, sheltered_housing };

inline std::optional<CareSetting> care_setting(std::string_view stream) {
    if (stream == "zvw") return CareSetting::clinical;
    if (stream == "awbz_b" || stream == "wlz") return CareSetting::long_stay;
    if (stream == "awbz_c" || stream == "wmo_bw") return CareSetting::sheltered_housing;
    return std::nullopt;
}

}  // namespace lmacheck::rules::history
