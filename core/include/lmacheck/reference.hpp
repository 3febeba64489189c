// Reference lists that change by year (CBS municipality codes), as rules see them.
#pragma once

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
};

}  // namespace lmacheck
