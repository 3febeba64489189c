// Every rule's metadata against the catalog (ids, levels, severities, kinds,
// option defaults) and against what the engine needs (options schemas that
// parse and give every property a default, messages in both languages).
#include "rule_harness.hpp"
#include "support/rule_catalog.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace {

using namespace lmacheck;
using namespace lmacheck::ruletest;

// The catalog rows of the level-1 rules that plugins implement, by id.
std::map<std::string, lmacheck::test::CatalogRule> plugin_catalog() {
    std::map<std::string, lmacheck::test::CatalogRule> rows;
    for (const auto& rule : lmacheck::test::catalog_rules()) {
        if (rule.from_plugin && rule.level == 1) rows.emplace(rule.id, rule);
    }
    return rows;
}

TEST(RuleMetadata, EveryCatalogRuleExactlyOnce) {
    std::set<std::string> ids;
    for (const auto& rule : all_rules()) {
        EXPECT_TRUE(ids.insert(rule->info().id).second) << rule->info().id << " twice";
    }
    std::set<std::string> expected;
    for (const auto& [id, row] : plugin_catalog()) expected.insert(id);
    EXPECT_EQ(ids, expected);
}

TEST(RuleMetadata, MatchesCatalogRow) {
    const auto catalog = plugin_catalog();
    for (const auto& rule : all_rules()) {
        const RuleInfo& info = rule->info();
        SCOPED_TRACE(info.id);
        const auto row = catalog.find(info.id);
        ASSERT_NE(row, catalog.end());
        EXPECT_EQ(info.level, row->second.level);
        EXPECT_EQ(to_string(info.severity), row->second.severity);
        EXPECT_EQ(info.applies_to ? std::string(to_string(*info.applies_to)) : "", row->second.applies_to);
        EXPECT_FALSE(info.description.empty());
        EXPECT_FALSE(info.description_nl.empty());
        EXPECT_NE(info.description, info.description_nl);
        EXPECT_EQ(options_for(*rule).json(), row->second.options);
    }
}

TEST(RuleMetadata, OptionsSchemaIsAClosedDraft7ObjectWithDefaults) {
    for (const auto& rule : all_rules()) {
        const RuleInfo& info = rule->info();
        SCOPED_TRACE(info.id);
        if (info.options_schema.empty()) continue;
        json schema;
        ASSERT_NO_THROW(schema = json::parse(info.options_schema));
        EXPECT_EQ(schema.value("$schema", ""), "http://json-schema.org/draft-07/schema#");
        EXPECT_EQ(schema.value("type", ""), "object");
        EXPECT_EQ(schema.value("additionalProperties", true), false);
        ASSERT_TRUE(schema.contains("properties"));
        ASSERT_FALSE(schema["properties"].empty());
        for (const auto& [name, property] : schema["properties"].items()) {
            SCOPED_TRACE(name);
            ASSERT_TRUE(property.contains("default"));
            ASSERT_TRUE(property.contains("type"));
            const json& value = property["default"];
            const std::string type = property["type"];
            EXPECT_TRUE(type == "number" || type == "integer");
            if (type == "integer") {
                EXPECT_TRUE(value.is_number_integer());
            }
            EXPECT_TRUE(value.is_number());
            if (property.contains("minimum")) {
                EXPECT_GE(value.get<double>(), property["minimum"].get<double>());
            }
            if (property.contains("maximum")) {
                EXPECT_LE(value.get<double>(), property["maximum"].get<double>());
            }
            EXPECT_TRUE(property.contains("minimum")) << "a threshold has a lower bound";
            EXPECT_FALSE(property.value("description", "").empty());
        }
    }
}

TEST(RuleMetadata, EveryMessageInBothLanguagesWithTheSamePlaceholders) {
    for (const auto& rule : all_rules()) {
        const RuleInfo& info = rule->info();
        SCOPED_TRACE(info.id);
        EXPECT_FALSE(info.messages.empty());
        std::set<std::string> ids;
        for (const auto& message : info.messages) {
            SCOPED_TRACE(message.id);
            EXPECT_FALSE(message.id.empty());
            EXPECT_TRUE(ids.insert(message.id).second) << "message id twice";
            EXPECT_FALSE(message.en.empty());
            EXPECT_FALSE(message.nl.empty());
            EXPECT_NE(message.en, message.nl);
            const auto en = placeholders(message.en);
            const auto nl = placeholders(message.nl);
            EXPECT_EQ(std::set<std::string>(en.begin(), en.end()), std::set<std::string>(nl.begin(), nl.end()));
        }
    }
}

TEST(RuleMetadata, ConfiguresWithDefaultsAndAcceptsTheValidDocuments) {
    const json institution = valid_institution();
    const json municipality = valid_municipality();
    for (const auto& rule : all_rules()) {
        SCOPED_TRACE(rule->info().id);
        ASSERT_NE(rule->configure(options_for(*rule)), nullptr);
        const auto& kind = rule->info().applies_to;
        if (!kind || *kind == Kind::institution) {
            EXPECT_EQ(hits(run(*rule, institution)), Hits{});
        }
        if (!kind || *kind == Kind::municipality) {
            EXPECT_EQ(hits(run(*rule, municipality)), Hits{});
        }
    }
}

// The valid institution is valid in every year, across the 2014/2015 reform,
// the start of basic GGZ and leap years.
TEST(RuleMetadata, ValidInstitutionPassesEveryRuleInEveryYear) {
    const auto rules = all_rules();
    for (int year = 2008; year <= 2035; ++year) {
        SCOPED_TRACE(year);
        const json document = valid_institution(year);
        for (const auto& rule : rules) {
            if (rule->info().applies_to == Kind::municipality) continue;
            EXPECT_EQ(hits(run(*rule, document)), Hits{}) << rule->info().id;
        }
    }
}

}  // namespace
