// The plausibility rules' facts: what they keep of every submission until the
// level-3 pass, packed as 17-byte records (indicators.hpp). The
// rules' findings on whole runs are in plausibility_rules_test.cpp; these
// hold the packing to what the rules read back.
#include "indicators.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using namespace lmacheck::rules::plausibility;

std::vector<std::string> names_of(const std::vector<IndicatorValue>& values) {
    std::vector<std::string> names;
    for (const IndicatorValue& v : values) names.push_back(*v.name);
    return names;
}

TEST(PlausibilityIndicators, TheNameTableIsSortedAndHoldsEveryChangeIndicator) {
    const std::vector<std::string>& names = indicator_names();
    EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
    EXPECT_LE(names.size(), 256u);  // a record holds the index in one byte
    EXPECT_EQ(std::adjacent_find(names.begin(), names.end()), names.end());
    for (const std::string& name : change_indicator_names()) {
        EXPECT_TRUE(std::binary_search(names.begin(), names.end(), name)) << name;
    }
}

TEST(PlausibilityIndicators, PackedFactsReadBackInNameOrderWithTheirValues) {
    Indicators measured;
    measured.put("occupancy/clinical", 0.93, 41000);
    measured.put("budget_per_place", 61000.5, 3.2e6);
    measured.put("occupancy/clinical", 0.95, 42000);  // measured again: the last value counts
    const nlohmann::json facts = measured.to_facts();
    ASSERT_TRUE(facts.is_binary());
    EXPECT_EQ(facts.get_binary().size(), 34u);  // two indicators, 17 bytes each

    const std::vector<IndicatorValue> read = indicators_in(facts);
    ASSERT_EQ(names_of(read), (std::vector<std::string>{"budget_per_place", "occupancy/clinical"}));
    EXPECT_DOUBLE_EQ(read[0].value, 61000.5);
    EXPECT_DOUBLE_EQ(read[0].size, 3.2e6);
    EXPECT_DOUBLE_EQ(read[1].value, 0.95);
    EXPECT_DOUBLE_EQ(read[1].size, 42000);

    const auto one = find_indicator(facts, "occupancy/clinical");
    ASSERT_TRUE(one.has_value());
    EXPECT_DOUBLE_EQ(one->value, 0.95);
    EXPECT_FALSE(find_indicator(facts, "occupancy/long_stay").has_value());
    EXPECT_FALSE(find_indicator(facts, "no such indicator").has_value());
    // By index, as the rules look them up in their loops over submitters.
    const auto index = indicator_index("budget_per_place");
    ASSERT_TRUE(index.has_value());
    EXPECT_EQ(indicator_names()[*index], "budget_per_place");
    const auto by_index = find_indicator(facts, *index);
    ASSERT_TRUE(by_index.has_value());
    EXPECT_EQ(by_index->index, *index);
    EXPECT_DOUBLE_EQ(by_index->value, 61000.5);
    EXPECT_FALSE(indicator_index("no such indicator").has_value());
}

TEST(PlausibilityIndicators, OnlyKeepsTheNamedIndicators) {
    Indicators measured;
    measured.put("dbc_total", 900, 900);
    measured.put("epa_clients", 120, 120);
    measured.put("fact_clients", 300, 300);
    const std::vector<IndicatorValue> kept = indicators_in(measured.only({"epa_clients", "dbc_total"}).to_facts());
    EXPECT_EQ(names_of(kept), (std::vector<std::string>{"dbc_total", "epa_clients"}));
    EXPECT_TRUE(indicators_in(measured.only({}).to_facts()).empty());
}

TEST(PlausibilityIndicators, AnUnknownIndicatorIsAProgrammingError) {
    Indicators measured;
    EXPECT_THROW(measured.put("occupancy/elsewhere", 1, 1), std::logic_error);
}

TEST(PlausibilityIndicators, FactsThatAreNotPackedIndicatorsReadAsNone) {
    // A check whose collect() failed leaves null facts; the rules then skip
    // the submission with a reason instead of reading garbage.
    EXPECT_TRUE(indicators_in(nlohmann::json()).empty());
    EXPECT_TRUE(indicators_in(nlohmann::json::object()).empty());
    EXPECT_TRUE(indicators_in(nlohmann::json::array()).empty());
    EXPECT_FALSE(find_indicator(nlohmann::json::object(), "dbc_total").has_value());

    Indicators measured;
    measured.put("dbc_total", 900, 900);
    measured.put("epa_clients", 120, 120);
    std::vector<std::uint8_t> records = measured.to_facts().get_binary();
    ASSERT_EQ(records.size(), 34u);
    // A record cut short is left out, the whole ones before it are read.
    std::vector<std::uint8_t> cut(records.begin(), records.end() - 1);
    EXPECT_EQ(names_of(indicators_in(nlohmann::json::binary(cut))), (std::vector<std::string>{"dbc_total"}));
    // An index beyond the table names no indicator: that record is left out.
    records[0] = 255;
    EXPECT_EQ(names_of(indicators_in(nlohmann::json::binary(records))), (std::vector<std::string>{"epa_clients"}));
    EXPECT_FALSE(find_indicator(nlohmann::json::binary(records), "dbc_total").has_value());
}

}  // namespace
