// reference.* rules (the reference plugin), against the harness's reference list.
#include "reference_rules.hpp"
#include "rule_harness.hpp"

#include <gtest/gtest.h>

namespace {

using namespace lmacheck::ruletest;
namespace reference_rules = lmacheck::rules::reference;

json municipality_submitter(int year, const std::string& code, bool central) {
    json document = valid_municipality(year);
    document["submitter"]["municipality_code"] = code;
    document["submitter"]["central_municipality"] = central;
    return document;
}

// --- reference.municipality-code -------------------------------------------

TEST(ReferenceMunicipalityCode, SilentOnKnownCodes) {
    const auto rule = reference_rules::make_municipality_code_rule();
    EXPECT_EQ(hits(run(rule, valid_institution())), Hits{});
    EXPECT_EQ(hits(run(rule, valid_municipality())), Hits{});
}

TEST(ReferenceMunicipalityCode, ReportsAnUnknownLocationCode) {
    json document = valid_institution();
    document["locations"][1]["municipality_code"] = "GM9999";
    const auto reports = run(reference_rules::make_municipality_code_rule(), document);
    ASSERT_EQ(hits(reports), (Hits{{"/locations/1/municipality_code", "unknown-code"}}));
    EXPECT_EQ(reports[0].arg("code"), "GM9999");
    EXPECT_EQ(reports[0].arg("year"), json(2017));
    EXPECT_EQ(reports[0].actual, json("GM9999"));
}

TEST(ReferenceMunicipalityCode, ReportsAnUnknownSubmitterCode) {
    const auto reports =
        run(reference_rules::make_municipality_code_rule(), municipality_submitter(2017, "GM0000", true));
    ASSERT_EQ(hits(reports), (Hits{{"/submitter/municipality_code", "unknown-code"}}));
    EXPECT_EQ(reports[0].actual, json("GM0000"));
}

TEST(ReferenceMunicipalityCode, ACodeIsValidOnlyInItsYears) {
    const auto rule = reference_rules::make_municipality_code_rule();
    EXPECT_EQ(hits(run(rule, municipality_submitter(2018, "GM0393", false))), Hits{});
    EXPECT_EQ(hits(run(rule, municipality_submitter(2019, "GM0393", false))),
              (Hits{{"/submitter/municipality_code", "unknown-code"}}));

    json institution = valid_institution(2008);
    institution["locations"][0]["municipality_code"] = "GM0393";
    EXPECT_EQ(hits(run(rule, institution)), Hits{});
    institution["reporting_year"] = 2019;
    EXPECT_EQ(hits(run(rule, institution)), (Hits{{"/locations/0/municipality_code", "unknown-code"}}));
}

TEST(ReferenceMunicipalityCode, OneFindingPerLocation) {
    json document = valid_institution();
    document["locations"][0]["municipality_code"] = "GM9999";
    document["locations"][2]["municipality_code"] = "GM9999";
    EXPECT_EQ(
        hits(run(reference_rules::make_municipality_code_rule(), document)),
        (Hits{{"/locations/0/municipality_code", "unknown-code"}, {"/locations/2/municipality_code", "unknown-code"}}));
}

// --- reference.province-matches --------------------------------------------

TEST(ReferenceProvinceMatches, SilentWhenProvincesMatch) {
    EXPECT_EQ(hits(run(reference_rules::make_province_matches_rule(), valid_institution())), Hits{});
}

TEST(ReferenceProvinceMatches, ReportsTheWrongProvince) {
    json document = valid_institution();
    document["locations"][2]["province"] = "NH";  // Vught lies in Noord-Brabant
    const auto reports = run(reference_rules::make_province_matches_rule(), document);
    ASSERT_EQ(hits(reports), (Hits{{"/locations/2/province", "province-mismatch"}}));
    EXPECT_EQ(reports[0].expected, json("NB"));
    EXPECT_EQ(reports[0].actual, json("NH"));
    EXPECT_EQ(reports[0].arg("name"), "Vught");
    EXPECT_EQ(reports[0].arg("code"), "GM0865");
    EXPECT_EQ(reports[0].arg("expected_province"), "NB");
}

TEST(ReferenceProvinceMatches, SkippedForAnUnknownCode) {
    json document = valid_institution();
    document["locations"][2]["municipality_code"] = "GM9999";
    document["locations"][2]["province"] = "LI";
    EXPECT_EQ(hits(run(reference_rules::make_province_matches_rule(), document)), Hits{});

    document["locations"][2]["municipality_code"] = "GM0393";  // known only until 2018
    document["reporting_year"] = 2019;
    EXPECT_EQ(hits(run(reference_rules::make_province_matches_rule(), document)), Hits{});
    document["reporting_year"] = 2018;
    EXPECT_EQ(hits(run(reference_rules::make_province_matches_rule(), document)),
              (Hits{{"/locations/2/province", "province-mismatch"}}));
}

// --- reference.central-municipality ----------------------------------------

TEST(ReferenceCentralMunicipality, SilentWhenTheFlagMatches) {
    const auto rule = reference_rules::make_central_municipality_rule();
    EXPECT_EQ(hits(run(rule, valid_municipality())), Hits{});
    EXPECT_EQ(hits(run(rule, municipality_submitter(2017, "GM0362", false))), Hits{});
}

TEST(ReferenceCentralMunicipality, ReportsAMunicipalityThatClaimsToBeCentral) {
    const auto reports =
        run(reference_rules::make_central_municipality_rule(), municipality_submitter(2017, "GM0865", true));
    ASSERT_EQ(hits(reports), (Hits{{"/submitter/central_municipality", "claims-central"}}));
    EXPECT_EQ(reports[0].expected, json(false));
    EXPECT_EQ(reports[0].actual, json(true));
    EXPECT_EQ(reports[0].arg("name"), "Vught");
}

TEST(ReferenceCentralMunicipality, ReportsACentralMunicipalityThatDeniesIt) {
    const auto reports =
        run(reference_rules::make_central_municipality_rule(), municipality_submitter(2017, "GM0363", false));
    ASSERT_EQ(hits(reports), (Hits{{"/submitter/central_municipality", "denies-central"}}));
    EXPECT_EQ(reports[0].expected, json(true));
    EXPECT_EQ(reports[0].actual, json(false));
}

TEST(ReferenceCentralMunicipality, SkippedForAnUnknownCode) {
    const auto rule = reference_rules::make_central_municipality_rule();
    EXPECT_EQ(hits(run(rule, municipality_submitter(2017, "GM9999", true))), Hits{});
    EXPECT_EQ(hits(run(rule, municipality_submitter(2019, "GM0393", true))), Hits{});
    EXPECT_EQ(hits(run(rule, municipality_submitter(2018, "GM0393", true))),
              (Hits{{"/submitter/central_municipality", "claims-central"}}));
}

}  // namespace
