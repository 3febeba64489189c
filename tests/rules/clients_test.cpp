// clients.partition (the clients plugin).
#include "clients_rules.hpp"
#include "rule_harness.hpp"

#include <gtest/gtest.h>

namespace {

using namespace lmacheck::ruletest;
using lmacheck::rules::clients::make_partition_rule;

json with_clients(long long total, long long ambulatory_only, long long clinical, long long epa) {
    json document = valid_institution();
    document["clients"] = {
        {"total", total}, {"ambulatory_only", ambulatory_only}, {"clinical", clinical}, {"epa", epa}};
    return document;
}

TEST(ClientsPartition, SilentOnAPartition) {
    const auto rule = make_partition_rule();
    EXPECT_EQ(hits(run(rule, valid_institution())), Hits{});
    EXPECT_EQ(hits(run(rule, with_clients(0, 0, 0, 0))), Hits{});
    EXPECT_EQ(hits(run(rule, with_clients(1200, 1000, 200, 1200))), Hits{});  // epa may equal total
}

TEST(ClientsPartition, ReportsATotalThatIsNotTheSumOfItsParts) {
    const auto reports = run(make_partition_rule(), with_clients(1201, 1000, 200, 300));
    ASSERT_EQ(hits(reports), (Hits{{"/clients/total", "total-not-partition"}}));
    EXPECT_EQ(reports[0].expected, json(1200));
    EXPECT_EQ(reports[0].actual, json(1201));
    EXPECT_EQ(reports[0].arg("ambulatory_only"), json(1000));
    EXPECT_EQ(reports[0].arg("clinical"), json(200));
    EXPECT_EQ(reports[0].arg("sum"), json(1200));
    EXPECT_EQ(hits(run(make_partition_rule(), with_clients(1199, 1000, 200, 300))),
              (Hits{{"/clients/total", "total-not-partition"}}));
}

TEST(ClientsPartition, ReportsEpaAboveTotal) {
    const auto reports = run(make_partition_rule(), with_clients(1200, 1000, 200, 1201));
    ASSERT_EQ(hits(reports), (Hits{{"/clients/epa", "epa-above-total"}}));
    EXPECT_EQ(reports[0].expected, json("<= 1200"));
    EXPECT_EQ(reports[0].actual, json(1201));
}

TEST(ClientsPartition, BothFindingsIndependently) {
    // epa is compared with the total as reported.
    EXPECT_EQ(hits(run(make_partition_rule(), with_clients(100, 1000, 200, 150))),
              (Hits{{"/clients/total", "total-not-partition"}, {"/clients/epa", "epa-above-total"}}));
}

}  // namespace
