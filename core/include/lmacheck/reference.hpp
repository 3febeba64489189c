// Reference lists that change by year (CBS municipality codes) and the
// registers a steward drops into the data directory, as rules see them.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace lmacheck {

struct Municipality {
    std::string code;      // CBS gemeentecode, "GM" + 4 digits
    std::string name;
    std::string province;  // GR FR DR OV FL GE UT NH ZH ZE NB LI
    std::string region;    // sheltered-housing region, named after its central municipality
    bool central = false;  // centrumgemeente in that year
};

class ReferenceData {
public:
    virtual ~ReferenceData() = default;
    // The municipality with this code in the given year, or nullptr when the
    // code is not valid that year.
    virtual const Municipality* municipality(std::string_view code, int year) const = 0;

    // A register (rules/registers/NAME.json, see rules/registers/README.md):
    // its content, valid against schemas/register-NAME.schema.json, or
    // nullptr when the data directory holds none. A rule that reads a
    // register names it in RuleInfo::registers, and the engine runs the rule
    // only where the register is present, so the rule may rely on it.
    // SDK 1.1; the default has no registers.
    virtual const nlohmann::json* register_data(std::string_view name) const {
        (void)name;
        return nullptr;
    }
};

}  // namespace lmacheck
