// location.* and capacity.* rules (the capacity plugin).
#include "capacity_rules.hpp"
#include "rule_harness.hpp"

#include <gtest/gtest.h>

namespace {

using namespace lmacheck::ruletest;
namespace capacity = lmacheck::rules::capacity;

json location(const std::string& id, const std::string& code = "GM0363", const std::string& province = "NH") {
    return {{"location_id", id}, {"name", "Locatie " + id}, {"municipality_code", code}, {"province", province}};
}

json record(const std::string& id, const std::string& financing, int beds, int bed_days, double places, int clients) {
    return {{"location_id", id},    {"financing", financing}, {"beds_year_end", beds},
            {"bed_days", bed_days}, {"places", places},       {"clients", clients}};
}

// --- location.duplicate-id -------------------------------------------------

TEST(LocationDuplicateId, SilentOnUniqueIds) {
    EXPECT_EQ(hits(run(*capacity::make_location_duplicate_id_rule(), valid_institution())), Hits{});
}

TEST(LocationDuplicateId, ReportsTheRepeatNotTheFirst) {
    json document = valid_institution();
    document["locations"][2]["location_id"] = "AMS-1";
    const auto reports = run(*capacity::make_location_duplicate_id_rule(), document);
    ASSERT_EQ(hits(reports), (Hits{{"/locations/2/location_id", "duplicate-id"}}));
    EXPECT_EQ(reports[0].arg("location_id"), "AMS-1");
    EXPECT_EQ(reports[0].arg("first_path"), "/locations/0/location_id");
    EXPECT_EQ(reports[0].actual, json("AMS-1"));
}

TEST(LocationDuplicateId, ThreeUsesGiveOneFindingPerRepeatAfterTheFirst) {
    json document = valid_institution();
    document["locations"].push_back(location("UTR-1", "GM0344", "UT"));
    document["locations"].push_back(location("UTR-1", "GM0344", "UT"));
    const auto reports = run(*capacity::make_location_duplicate_id_rule(), document);
    EXPECT_EQ(hits(reports),
              (Hits{{"/locations/3/location_id", "duplicate-id"}, {"/locations/4/location_id", "duplicate-id"}}));
    for (const auto& reported : reports) EXPECT_EQ(reported.arg("first_path"), "/locations/1/location_id");
}

TEST(LocationDuplicateId, IdsAreCaseSensitive) {
    json document = valid_institution();
    document["locations"][2]["location_id"] = "ams-1";
    EXPECT_EQ(hits(run(*capacity::make_location_duplicate_id_rule(), document)), Hits{});
}

// --- capacity.unknown-location ---------------------------------------------

TEST(CapacityUnknownLocation, SilentWhenEveryRecordNamesALocation) {
    EXPECT_EQ(hits(run(*capacity::make_unknown_location_rule(), valid_institution())), Hits{});
}

TEST(CapacityUnknownLocation, ReportsEachRecordWithAnUnknownId) {
    json document = valid_institution();
    document["capacity"][1]["location_id"] = "AMS-2";
    document["capacity"][3]["location_id"] = "vug-1";
    const auto reports = run(*capacity::make_unknown_location_rule(), document);
    ASSERT_EQ(hits(reports),
              (Hits{{"/capacity/1/location_id", "unknown-location"}, {"/capacity/3/location_id", "unknown-location"}}));
    EXPECT_EQ(reports[0].arg("location_id"), "AMS-2");
    EXPECT_EQ(reports[0].actual, json("AMS-2"));
}

TEST(CapacityUnknownLocation, ADuplicatedLocationIdStillNamesALocation) {
    json document = valid_institution();
    document["locations"][2]["location_id"] = "AMS-1";  // location.duplicate-id's finding
    document["capacity"][3]["location_id"] = "AMS-1";
    EXPECT_EQ(hits(run(*capacity::make_unknown_location_rule(), document)), Hits{});
}

// --- capacity.duplicate-record ---------------------------------------------

TEST(CapacityDuplicateRecord, SilentOnOneRecordPerLocationAndFinancing) {
    // AMS-1 has two streams and zvw occurs at two locations: neither is a repeat.
    EXPECT_EQ(hits(run(*capacity::make_duplicate_record_rule(), valid_institution())), Hits{});
}

TEST(CapacityDuplicateRecord, ReportsTheRepeatAtTheRecord) {
    json document = valid_institution();
    document["capacity"].push_back(record("AMS-1", "zvw", 1, 300, 300.0 / 365, 3));
    const auto reports = run(*capacity::make_duplicate_record_rule(), document);
    ASSERT_EQ(hits(reports), (Hits{{"/capacity/4", "duplicate-record"}}));
    EXPECT_EQ(reports[0].arg("location_id"), "AMS-1");
    EXPECT_EQ(reports[0].arg("financing"), "zvw");
    EXPECT_EQ(reports[0].arg("first_path"), "/capacity/0");
    EXPECT_EQ(reports[0].actual, (json{{"location_id", "AMS-1"}, {"financing", "zvw"}}));
}

TEST(CapacityDuplicateRecord, ThreeRecordsGiveOneFindingPerRepeatAfterTheFirst) {
    json document = valid_institution();
    document["capacity"].push_back(document["capacity"][2]);
    document["capacity"].push_back(document["capacity"][2]);
    const auto reports = run(*capacity::make_duplicate_record_rule(), document);
    EXPECT_EQ(hits(reports), (Hits{{"/capacity/4", "duplicate-record"}, {"/capacity/5", "duplicate-record"}}));
    for (const auto& reported : reports) EXPECT_EQ(reported.arg("first_path"), "/capacity/2");
}

TEST(CapacityDuplicateRecord, SkipsRecordsOfAnUnknownLocation) {
    json document = valid_institution();
    document["capacity"].push_back(record("GHOST", "zvw", 1, 300, 300.0 / 365, 3));
    document["capacity"].push_back(record("GHOST", "zvw", 1, 300, 300.0 / 365, 3));
    EXPECT_EQ(hits(run(*capacity::make_duplicate_record_rule(), document)), Hits{});
    // The unknown id is reported once per record, by the rule that owns it.
    EXPECT_EQ(run(*capacity::make_unknown_location_rule(), document).size(), 2u);
}

// --- capacity.places-from-bed-days -----------------------------------------

TEST(CapacityPlacesFromBedDays, SilentWhenPlacesMatch) {
    EXPECT_EQ(hits(run(*capacity::make_places_from_bed_days_rule(), valid_institution())), Hits{});
}

TEST(CapacityPlacesFromBedDays, ReportsPlacesThatDoNotMatch) {
    json document = valid_institution();
    document["capacity"][1]["bed_days"] = 4500;
    document["capacity"][1]["places"] = 12.5;
    const auto reports = run(*capacity::make_places_from_bed_days_rule(), document);
    ASSERT_EQ(hits(reports), (Hits{{"/capacity/1/places", "places-mismatch"}}));
    EXPECT_DOUBLE_EQ(reports[0].expected->get<double>(), 4500.0 / 365);
    EXPECT_EQ(reports[0].actual, json(12.5));
    EXPECT_EQ(reports[0].arg("bed_days"), json(4500));
    EXPECT_EQ(reports[0].arg("days_per_place"), json(365));
    EXPECT_DOUBLE_EQ(reports[0].arg("computed").get<double>(), 4500.0 / 365);
}

class PlacesTolerance : public ::testing::TestWithParam<std::pair<double, bool>> {};

// bed_days 3650 make exactly 10 places; the default tolerance is 0.05.
TEST_P(PlacesTolerance, BoundaryIsInclusive) {
    const auto [places, passes] = GetParam();
    json document = valid_institution();
    document["capacity"][0]["bed_days"] = 3650;
    document["capacity"][0]["places"] = places;
    const auto reports = run(*capacity::make_places_from_bed_days_rule(), document);
    EXPECT_EQ(reports.empty(), passes) << "places " << places;
}

INSTANTIATE_TEST_SUITE_P(CapacityPlacesFromBedDays, PlacesTolerance,
                         ::testing::Values(std::pair{10.05, true}, std::pair{9.95, true}, std::pair{10.0501, false},
                                           std::pair{9.9499, false}, std::pair{10.0, true}));

TEST(CapacityPlacesFromBedDays, ToleranceIsAnOption) {
    json document = valid_institution();
    document["capacity"][0]["bed_days"] = 3650;
    document["capacity"][0]["places"] = 10.08;
    const auto rule = capacity::make_places_from_bed_days_rule();
    EXPECT_EQ(run(rule, document).size(), 1u);
    EXPECT_EQ(run(rule, document, {{"abs_tolerance", 0.1}}).size(), 0u);
    EXPECT_EQ(run(rule, document, {{"abs_tolerance", 0.08}}).size(), 0u);
    EXPECT_EQ(run(rule, document, {{"abs_tolerance", 0.0}}).size(), 1u);
}

TEST(CapacityPlacesFromBedDays, DaysPerPlaceIsAnOption) {
    json document = valid_institution();
    document["capacity"] = {record("AMS-1", "zvw", 110, 36600, 100.0, 300)};
    const auto rule = capacity::make_places_from_bed_days_rule();
    const auto reports = run(rule, document);
    ASSERT_EQ(reports.size(), 1u);
    EXPECT_DOUBLE_EQ(reports[0].expected->get<double>(), 36600.0 / 365);
    EXPECT_EQ(hits(run(rule, document, {{"days_per_place", 366}})), Hits{});
}

TEST(CapacityPlacesFromBedDays, APlaceIs365DaysAlsoInALeapYear) {
    json document = valid_institution(2020);
    document["capacity"][0]["bed_days"] = 36600;
    document["capacity"][0]["places"] = 100.0;  // right only if a place were 366 days
    EXPECT_EQ(hits(run(*capacity::make_places_from_bed_days_rule(), document)),
              (Hits{{"/capacity/0/places", "places-mismatch"}}));
    document["capacity"][0]["places"] = 36600.0 / 365;
    EXPECT_EQ(hits(run(*capacity::make_places_from_bed_days_rule(), document)), Hits{});
}

TEST(CapacityPlacesFromBedDays, ZeroBedDaysMeanZeroPlaces) {
    json document = valid_institution();
    document["capacity"][0]["bed_days"] = 0;
    document["capacity"][0]["places"] = 0;
    EXPECT_EQ(hits(run(*capacity::make_places_from_bed_days_rule(), document)), Hits{});
    document["capacity"][0]["places"] = 1;
    EXPECT_EQ(hits(run(*capacity::make_places_from_bed_days_rule(), document)),
              (Hits{{"/capacity/0/places", "places-mismatch"}}));
}

// --- capacity.occupancy ----------------------------------------------------

TEST(CapacityOccupancy, SilentWithinRange) {
    EXPECT_EQ(hits(run(*capacity::make_occupancy_rule(), valid_institution())), Hits{});
}

TEST(CapacityOccupancy, ReportsOccupancyAboveTheMaximum) {
    json document = valid_institution();
    document["capacity"][0]["bed_days"] = 7500;  // 20 beds: 7500 / 7300
    const auto reports = run(*capacity::make_occupancy_rule(), document);
    ASSERT_EQ(hits(reports), (Hits{{"/capacity/0/bed_days", "occupancy-above-max"}}));
    EXPECT_EQ(reports[0].expected, json("<= 1.0"));
    EXPECT_DOUBLE_EQ(reports[0].actual->get<double>(), 7500.0 / 7300);
    EXPECT_DOUBLE_EQ(reports[0].arg("occupancy").get<double>(), 7500.0 / 7300);
    EXPECT_EQ(reports[0].arg("max"), json(1.0));
    EXPECT_EQ(reports[0].arg("beds_year_end"), json(20));
    EXPECT_EQ(reports[0].arg("days"), json(365));
}

TEST(CapacityOccupancy, ReportsOccupancyBelowTheMinimum) {
    json document = valid_institution();
    document["capacity"][3]["bed_days"] = 1000;  // 10 beds: 1000 / 3650
    const auto reports = run(*capacity::make_occupancy_rule(), document);
    ASSERT_EQ(hits(reports), (Hits{{"/capacity/3/bed_days", "occupancy-below-min"}}));
    EXPECT_EQ(reports[0].expected, json(">= 0.5"));
    EXPECT_DOUBLE_EQ(reports[0].actual->get<double>(), 1000.0 / 3650);
    EXPECT_EQ(reports[0].arg("min"), json(0.5));
}

TEST(CapacityOccupancy, BoundsAreInclusive) {
    const auto rule = capacity::make_occupancy_rule();
    json document = valid_institution();  // capacity[3] has 10 beds, 2017 has 365 days
    for (const auto& [bed_days, message] : std::vector<std::pair<int, std::string>>{
             {3650, ""}, {3651, "occupancy-above-max"}, {1825, ""}, {1824, "occupancy-below-min"}}) {
        SCOPED_TRACE(bed_days);
        document["capacity"][3]["bed_days"] = bed_days;
        const Hits expected = message.empty() ? Hits{} : Hits{{"/capacity/3/bed_days", message}};
        EXPECT_EQ(hits(run(rule, document)), expected);
    }
}

TEST(CapacityOccupancy, ALeapYearHas366Days) {
    const auto rule = capacity::make_occupancy_rule();
    json leap = valid_institution(2020);
    leap["capacity"][3]["bed_days"] = 3660;  // 10 beds, full every day of 2020
    EXPECT_EQ(hits(run(rule, leap)), Hits{});
    leap["capacity"][3]["bed_days"] = 3661;
    const auto reports = run(rule, leap);
    ASSERT_EQ(hits(reports), (Hits{{"/capacity/3/bed_days", "occupancy-above-max"}}));
    EXPECT_EQ(reports[0].arg("days"), json(366));
    EXPECT_DOUBLE_EQ(reports[0].actual->get<double>(), 3661.0 / 3660);

    json ordinary = valid_institution(2019);
    ordinary["capacity"][3]["bed_days"] = 3660;
    EXPECT_EQ(hits(run(rule, ordinary)), (Hits{{"/capacity/3/bed_days", "occupancy-above-max"}}));
}

TEST(CapacityOccupancy, SkippedWhereNoBedsAtYearEnd) {
    json document = valid_institution();
    document["capacity"][3]["beds_year_end"] = 0;  // closed during the year, bed-days remain
    EXPECT_EQ(hits(run(*capacity::make_occupancy_rule(), document)), Hits{});
}

TEST(CapacityOccupancy, BoundsAreOptions) {
    const auto rule = capacity::make_occupancy_rule();
    json document = valid_institution();
    document["capacity"][0]["bed_days"] = 7500;  // 1.027
    document["capacity"][3]["bed_days"] = 1000;  // 0.274
    EXPECT_EQ(run(rule, document).size(), 2u);
    EXPECT_EQ(hits(run(rule, document, {{"max_occupancy", 1.05}})),
              (Hits{{"/capacity/3/bed_days", "occupancy-below-min"}}));
    EXPECT_EQ(hits(run(rule, document, {{"min_occupancy", 0.25}})),
              (Hits{{"/capacity/0/bed_days", "occupancy-above-max"}}));
    // Tightening flags the valid records (occupancy 0.8 to 0.9) too.
    EXPECT_EQ(run(rule, valid_institution(), {{"min_occupancy", 0.95}}).size(), 4u);
}

// --- capacity.totals-match-locations ---------------------------------------

TEST(CapacityTotalsMatchLocations, SilentWhenTotalsMatch) {
    EXPECT_EQ(hits(run(*capacity::make_totals_match_locations_rule(), valid_institution())), Hits{});
}

TEST(CapacityTotalsMatchLocations, StreamMissingFromTotalsIsReportedAtTheTotals) {
    json document = valid_institution();
    document["capacity_totals"].erase("wlz");
    const auto reports = run(*capacity::make_totals_match_locations_rule(), document);
    ASSERT_EQ(hits(reports), (Hits{{"/capacity_totals", "stream-missing"}}));
    EXPECT_EQ(reports[0].arg("financing"), "wlz");
    EXPECT_EQ(reports[0].expected, (json{{"beds_year_end", 10}, {"bed_days", 3285}, {"places", 9.0}, {"clients", 12}}));
    EXPECT_EQ(reports[0].actual, json(nullptr));
}

TEST(CapacityTotalsMatchLocations, StreamWithoutRecordsIsReportedAtItsEntry) {
    json document = valid_institution();
    document["capacity_totals"]["awbz_c"] = {{"beds_year_end", 1}, {"bed_days", 1}, {"places", 0}, {"clients", 1}};
    const auto reports = run(*capacity::make_totals_match_locations_rule(), document);
    ASSERT_EQ(hits(reports), (Hits{{"/capacity_totals/awbz_c", "stream-without-records"}}));
    EXPECT_EQ(reports[0].arg("financing"), "awbz_c");
    EXPECT_EQ(reports[0].actual, document["capacity_totals"]["awbz_c"]);
}

TEST(CapacityTotalsMatchLocations, NoRecordsAndNoTotalsIsValid) {
    json document = valid_institution();
    document["capacity"] = json::array();
    document["capacity_totals"] = json::object();
    EXPECT_EQ(hits(run(*capacity::make_totals_match_locations_rule(), document)), Hits{});
}

TEST(CapacityTotalsMatchLocations, CountsCompareExactly) {
    json document = valid_institution();
    document["capacity_totals"]["zvw"]["beds_year_end"] = 31;
    document["capacity_totals"]["zvw"]["bed_days"] = 9489;
    const auto reports = run(*capacity::make_totals_match_locations_rule(), document);
    ASSERT_EQ(hits(reports), (Hits{{"/capacity_totals/zvw/beds_year_end", "total-mismatch"},
                                   {"/capacity_totals/zvw/bed_days", "total-mismatch"}}));
    EXPECT_EQ(reports[0].expected, json(30));
    EXPECT_EQ(reports[0].actual, json(31));
    EXPECT_EQ(reports[0].arg("field"), "beds_year_end");
    EXPECT_EQ(reports[0].arg("reported"), json(31));
    EXPECT_EQ(reports[0].arg("sum"), json(30));
    EXPECT_EQ(reports[1].expected, json(9490));
    EXPECT_EQ(reports[1].actual, json(9489));
}

TEST(CapacityTotalsMatchLocations, PlacesCompareWithinTolerance) {
    const auto rule = capacity::make_totals_match_locations_rule();
    json document = valid_institution();  // zvw places sum to 26.0
    document["capacity_totals"]["zvw"]["places"] = 26.05;
    EXPECT_EQ(hits(run(rule, document)), Hits{});
    document["capacity_totals"]["zvw"]["places"] = 25.95;
    EXPECT_EQ(hits(run(rule, document)), Hits{});
    document["capacity_totals"]["zvw"]["places"] = 26.0501;
    const auto reports = run(rule, document);
    ASSERT_EQ(hits(reports), (Hits{{"/capacity_totals/zvw/places", "total-mismatch"}}));
    EXPECT_DOUBLE_EQ(reports[0].expected->get<double>(), 26.0);
    EXPECT_EQ(reports[0].actual, json(26.0501));
    EXPECT_EQ(hits(run(rule, document, {{"abs_tolerance", 0.06}})), Hits{});
}

TEST(CapacityTotalsMatchLocations, PlacesSumTheReportedPlacesNotTheBedDays) {
    json document = valid_institution();
    // The record's places disagree with its bed-days (another rule's finding);
    // the total adds up what was reported.
    document["capacity"][1]["places"] = 9.5;
    document["capacity_totals"]["wlz"]["places"] = 9.5;
    EXPECT_EQ(hits(run(*capacity::make_totals_match_locations_rule(), document)), Hits{});
}

TEST(CapacityTotalsMatchLocations, ClientsMayBeLowerThanTheSumNeverHigher) {
    const auto rule = capacity::make_totals_match_locations_rule();
    json document = valid_institution();  // zvw clients 150 + 60 = 210, total 200
    document["capacity_totals"]["zvw"]["clients"] = 210;
    EXPECT_EQ(hits(run(rule, document)), Hits{});
    document["capacity_totals"]["zvw"]["clients"] = 0;
    EXPECT_EQ(hits(run(rule, document)), Hits{});
    document["capacity_totals"]["zvw"]["clients"] = 211;
    const auto reports = run(rule, document);
    ASSERT_EQ(hits(reports), (Hits{{"/capacity_totals/zvw/clients", "clients-above-sum"}}));
    EXPECT_EQ(reports[0].expected, json("<= 210"));
    EXPECT_EQ(reports[0].actual, json(211));
}

TEST(CapacityTotalsMatchLocations, OneFindingPerDisagreeingField) {
    json document = valid_institution();
    document["capacity_totals"]["wmo_bw"] = {{"beds_year_end", 0}, {"bed_days", 0}, {"places", 0}, {"clients", 99}};
    EXPECT_EQ(hits(run(*capacity::make_totals_match_locations_rule(), document)),
              (Hits{{"/capacity_totals/wmo_bw/beds_year_end", "total-mismatch"},
                    {"/capacity_totals/wmo_bw/bed_days", "total-mismatch"},
                    {"/capacity_totals/wmo_bw/places", "total-mismatch"},
                    {"/capacity_totals/wmo_bw/clients", "clients-above-sum"}}));
}

TEST(CapacityTotalsMatchLocations, RecordsOfAnUnknownLocationStillCount) {
    json document = valid_institution();
    document["capacity"][3]["location_id"] = "GHOST";
    EXPECT_EQ(hits(run(*capacity::make_totals_match_locations_rule(), document)), Hits{});
}

TEST(CapacityTotalsMatchLocations, IntegralNumbersWithAZeroFractionAreCounts) {
    json document = valid_institution();
    document["capacity_totals"]["wlz"]["bed_days"] = 3285.0;
    document["capacity"][1]["clients"] = 12.0;
    EXPECT_EQ(hits(run(*capacity::make_totals_match_locations_rule(), document)), Hits{});
}

}  // namespace
