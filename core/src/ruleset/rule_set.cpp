#include "ruleset/rule_set.hpp"

#include "document/config_json.hpp"
#include "model/config_error.hpp"
#include "model/messages.hpp"
#include "lmacheck/json_pointer.hpp"
#include "plugins/plugin_loader.hpp"
#include "ruleset/expression_rules.hpp"
#include "ruleset/json_file.hpp"
#include "schema/structure_check.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <set>
#include <unordered_map>

namespace lmacheck {
namespace {

struct RuleConfig {
    bool enabled = true;
    Severity severity = Severity::error;
    nlohmann::json options = nlohmann::json::object();
    std::string options_at;  // pointer of the last "options" applied; "" while the defaults hold
};

using ConfigMap = std::map<std::string, RuleConfig>;

struct YearRange {
    int from = 0;
    int to = 0;
};

YearRange read_years(const nlohmann::json& years) { return {years.at("from").get<int>(), years.at("to").get<int>()}; }

class RuleSetReader {
public:
    RuleSetReader(const std::filesystem::path& file, const Document& document, const RuleCatalog& catalog)
        : file_(file), document_(document), catalog_(catalog) {}

    // "rule set FILE: /rules/x (line 3, column 5): what"; without `where`
    // (a rule's own default options) only the file.
    [[noreturn]] void fail(const std::string& where, const std::string& what) const {
        std::string place;
        if (!where.empty()) {
            const std::string position = describe_position(document_, where);
            place = where + (position.empty() ? "" : " (" + position + ")") + ": ";
        }
        throw ConfigError("rule set " + file_.string() + ": " + place + what);
    }

    // Applies one `rules` object (of the base or of an override) to `configs`.
    void apply(const nlohmann::json& rules, const std::string& where, ConfigMap& configs) const {
        for (const auto& [id, settings] : rules.items()) {
            std::string at = where;
            append_token(at, std::string_view(id));
            const CatalogEntry* entry = catalog_.find(id);
            if (entry == nullptr) fail(at, "unknown rule id " + id + " (see `lmacheck rules`)");
            if (defined_in_other_rule_set(*entry, file_)) {
                fail(at, "rule " + id + " is an expression rule of rule set " + entry->plugin + ", not of this one");
            }
            if (!entry->configurable()) {
                // The catalog forbids switching a level-0 rule off or lowering
                // it; an entry that leaves it as it is (enabled, error, no
                // options) changes nothing and is allowed.
                const bool leaves_it = settings.value("enabled", true) && settings.value("severity", "error") == "error" &&
                                       settings.value("options", nlohmann::json::object()).empty();
                if (!leaves_it) fail(at, "rule " + id + " is level 0 and cannot be switched off or changed");
                continue;
            }
            RuleConfig& config = configs.at(id);
            if (settings.contains("enabled")) config.enabled = settings["enabled"].get<bool>();
            if (settings.contains("severity")) {
                config.severity = *parse_severity(settings["severity"].get<std::string>());
            }
            if (settings.contains("options")) {
                const nlohmann::json& options = settings["options"];
                check_options(*entry, options, at);
                for (const auto& [name, value] : options.items()) config.options[name] = value;
                config.options_at = at + "/options";
            }
        }
    }

    void check_options(const CatalogEntry& entry, const nlohmann::json& options, const std::string& at) const {
        if (entry.options_schema == nullptr) {
            if (!options.empty()) fail(at, "rule " + entry.info.id + " takes no options, got option " + options.begin().key());
            return;
        }
        StructureChecker checker;
        const auto problems = checker.check(*entry.options_schema, options, "options");
        if (problems.empty()) {
            refuse_integers_beyond_long_long(entry, options, at);
            return;
        }
        const auto templates = structure_messages();
        std::string message;
        for (const RawFinding& problem : problems) {
            if (!message.empty()) message += "; ";
            const std::string option = problem.path.empty() ? std::string("options") : "option " + problem.path.substr(1);
            message += option + ": " + render_message(templates, problem.message_id, problem.args, Language::en);
        }
        fail(at, "rule " + entry.info.id + ": " + message);
    }

    // Draft 7 sets integers no limit, so the schema passes 2^63 and above;
    // but Options::integer() reads an option as long long, where such a
    // value would arrive wrapped negative. Refuse it by name instead.
    void refuse_integers_beyond_long_long(const CatalogEntry& entry, const nlohmann::json& options,
                                          const std::string& at) const {
        constexpr auto largest = static_cast<std::uint64_t>(std::numeric_limits<long long>::max());
        for (const auto& [name, value] : options.items()) {
            if (!value.is_number_unsigned() || value.get<std::uint64_t>() <= largest) continue;
            std::string where = at + "/options";
            append_token(where, name);
            fail(where, "rule " + entry.info.id + ": option " + name + ": " + value.dump() +
                            " is beyond the largest integer a rule can read (" + std::to_string(largest) + ")");
        }
    }

    ConfigMap defaults() const {
        ConfigMap configs;
        for (const CatalogEntry& entry : catalog_.entries()) {
            if (!entry.configurable() || defined_in_other_rule_set(entry, file_)) continue;
            configs[entry.info.id] = RuleConfig{true, entry.info.severity, entry.default_options, ""};
        }
        return configs;
    }

private:
    const std::filesystem::path& file_;
    const Document& document_;
    const RuleCatalog& catalog_;
};

// Configures checks once per distinct (rule, options), shared by every year's plan.
class CheckCache {
public:
    explicit CheckCache(const RuleSetReader& reader) : reader_(reader) {}

    std::shared_ptr<const Check> get(const CatalogEntry& entry, const RuleConfig& config) {
        if (!entry.rule) return nullptr;
        const nlohmann::json& options = config.options;
        const std::string key = entry.info.id + '\n' + options.dump();
        auto it = checks_.find(key);
        if (it != checks_.end()) return it->second;
        std::shared_ptr<const Check> check;
        try {
            check = configure_check(entry.rule, Options(options), entry.plugin);
        } catch (const ConfigError&) {
            throw;
        } catch (const std::exception& e) {
            // Options that pass the rule's schema but not the rule itself
            // (a minimum above the maximum): the file, the place, the rule.
            reader_.fail(config.options_at, "rule " + entry.info.id + " could not be configured with options " +
                                                options.dump() + ": " + e.what());
        }
        checks_.emplace(key, check);
        return check;
    }

private:
    const RuleSetReader& reader_;
    std::unordered_map<std::string, std::shared_ptr<const Check>> checks_;
};

RulePlan make_plan(const RuleSetReader& reader, const RuleCatalog& catalog, const ConfigMap& configs,
                   CheckCache& cache) {
    RulePlan plan;
    for (const CatalogEntry& entry : catalog.entries()) {
        auto it = configs.find(entry.info.id);
        if (it == configs.end() || !it->second.enabled) continue;
        if (plan.rules.size() == RulePlan::max_rules) {
            reader.fail("", "enables more than " + std::to_string(RulePlan::max_rules) + " rules for one year");
        }
        plan.rules.push_back(
            PlannedRule{&entry, entry.info.id, it->second.severity, cache.get(entry, it->second), it->second.options});
    }
    return plan;
}

// Shipped rule sets are chosen by reporting year: two that cover one year
// would make the choice depend on the files' names.
void refuse_overlapping_years(const std::vector<std::filesystem::path>& files,
                              const std::vector<std::shared_ptr<const RuleSet>>& sets) {
    for (std::size_t i = 0; i < sets.size(); ++i) {
        for (std::size_t j = i + 1; j < sets.size(); ++j) {
            const int from = std::max(sets[i]->first_year(), sets[j]->first_year());
            const int to = std::min(sets[i]->last_year(), sets[j]->last_year());
            if (from > to) continue;
            const std::string years = from == to ? "year " + std::to_string(from)
                                                 : "years " + std::to_string(from) + "-" + std::to_string(to);
            throw ConfigError("rule sets " + files[i].string() + " and " + files[j].string() +
                              " both cover the reporting " + years + "; each year must have one shipped rule set");
        }
    }
}

}  // namespace

const PlannedRule* RulePlan::find(std::string_view id) const {
    for (const PlannedRule& rule : rules) {
        if (rule.entry->info.id == id) return &rule;
    }
    return nullptr;
}

std::shared_ptr<const RuleSet> RuleSet::load(const std::filesystem::path& file, const std::filesystem::path& schema_file,
                                             const RuleCatalog& catalog) {
    const Document loaded = read_validated_json(file, schema_file, "rule set");
    const nlohmann::json& document = *loaded.json;
    RuleSetReader reader(file, loaded, catalog);
    auto set = std::make_shared<RuleSet>();
    set->name_ = document.at("name").get<std::string>();
    const YearRange years = read_years(document.at("years"));
    if (years.from > years.to) reader.fail("/years", "`from` is after `to`");
    set->first_year_ = years.from;
    set->last_year_ = years.to;

    ConfigMap base = reader.defaults();
    if (document.contains("rules")) reader.apply(document["rules"], "/rules", base);

    // Parse every override up front (so that an error anywhere is found now).
    struct Override {
        YearRange years;
        const nlohmann::json* rules;
        std::string where;
    };
    std::vector<Override> overrides;
    std::set<int> override_years;
    if (document.contains("overrides")) {
        const nlohmann::json& list = document["overrides"];
        for (std::size_t i = 0; i < list.size(); ++i) {
            const std::string where = "/overrides/" + std::to_string(i);
            Override o{read_years(list[i].at("years")), &list[i].at("rules"), where + "/rules"};
            if (o.years.from > o.years.to) reader.fail(where + "/years", "`from` is after `to`");
            ConfigMap scratch = base;
            reader.apply(*o.rules, o.where, scratch);  // validates ids and options
            for (int y = o.years.from; y <= o.years.to; ++y) override_years.insert(y);
            overrides.push_back(o);
        }
    }

    CheckCache cache(reader);
    set->base_ = make_plan(reader, catalog, base, cache);
    for (int year : override_years) {
        ConfigMap configs = base;
        for (const Override& o : overrides) {
            if (o.years.from <= year && year <= o.years.to) reader.apply(*o.rules, o.where, configs);
        }
        set->by_year_.emplace(year, make_plan(reader, catalog, configs, cache));
    }
    return set;
}

const RulePlan& RuleSet::plan_for(std::optional<int> year) const {
    if (year) {
        auto it = by_year_.find(*year);
        if (it != by_year_.end()) return it->second;
    }
    return base_;
}

Severity severity_of(const RuleCatalog& catalog, const RulePlan& plan, std::string_view rule) {
    if (const PlannedRule* planned = plan.find(rule)) return planned->severity;
    if (const CatalogEntry* entry = catalog.find(rule)) return entry->info.severity;
    return Severity::error;
}

std::vector<const RulePlan*> RuleSet::plans() const {
    std::vector<const RulePlan*> plans{&base_};
    for (const auto& [year, plan] : by_year_) plans.push_back(&plan);
    return plans;
}

RuleSetChoice RuleSetChoice::explicit_file(const std::filesystem::path& file, const std::filesystem::path& schema_file,
                                           const RuleCatalog& catalog) {
    RuleSetChoice choice;
    choice.sets_.push_back(RuleSet::load(file, schema_file, catalog));
    return choice;
}

RuleSetChoice RuleSetChoice::shipped(const std::filesystem::path& rules_dir, const std::filesystem::path& schema_file,
                                     const RuleCatalog& catalog) {
    const std::vector<std::filesystem::path> files = shipped_rule_set_files(rules_dir);
    RuleSetChoice choice;
    for (const auto& file : files) choice.sets_.push_back(RuleSet::load(file, schema_file, catalog));
    refuse_overlapping_years(files, choice.sets_);
    return choice;
}

const RuleSet& RuleSetChoice::for_year(std::optional<int> year) const {
    if (year) {
        for (const auto& set : sets_) {
            if (set->covers(*year)) return *set;
        }
    }
    return *sets_.front();
}

}  // namespace lmacheck
