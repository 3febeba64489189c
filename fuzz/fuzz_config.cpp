// libFuzzer target for the tool's own configuration files, read through the
// real loading code: a rule set (rules/*.json), the municipality reference
// list and a submission schema. Whatever the bytes, loading must either work
// or throw a ConfigError (the command line's exit 2 naming the file): any
// other exception, a crash, a hang or undefined behaviour is a finding.
//
// The first byte of the input says which file the rest is (scripts/fuzz.sh
// seeds the corpus with the shipped files behind their letter):
//   r  a rule set, loaded as --ruleset FILE against the catalog of the
//      built plugins
//   m  the reference list (rules/reference/municipalities.json)
//   i, u, e  the institution, municipality or envelope schema of a data
//      directory; the schemas are then used on a valid and an invalid
//      sample, as the first submissions of a run would use them
#include "engine/builtin_rules.hpp"
#include "model/config_error.hpp"
#include "engine/history.hpp"
#include "fuzz_support.hpp"
#include "plugins/plugin_loader.hpp"
#include "ruleset/reference_list.hpp"
#include "ruleset/rule_catalog.hpp"
#include "ruleset/rule_set.hpp"
#include "schema/structure_check.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

const fs::path source_dir = LMACHECK_SOURCE_DIR;

[[noreturn]] void fail(const char* what, const std::string& detail) {
    lmacheck::fuzz::fail("fuzz_config", what, detail);
}

using lmacheck::fuzz::read_file;
using lmacheck::fuzz::write_file;

// A scratch data directory (schemas/ and rules/, copies of the repository's)
// in which the file under test is replaced by the input.
class Scratch {
public:
    Scratch() : dir_(lmacheck::fuzz::make_scratch_dir("fuzz_config")) {
        fs::create_directories(dir_ / "schemas");
        for (const auto& entry : fs::directory_iterator(source_dir / "schemas")) {
            originals_[entry.path().filename().string()] = read_file(entry.path());
        }
        restore();
    }
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;

    const fs::path& dir() const { return dir_; }
    fs::path schemas() const { return dir_ / "schemas"; }
    // Puts the original schemas back (an input may have replaced one).
    void restore() const {
        for (const auto& [name, bytes] : originals_) write_file(schemas() / name, bytes);
    }

private:
    fs::path dir_;
    std::map<std::string, std::string> originals_;
};

const Scratch& scratch() {
    static const Scratch instance;
    return instance;
}

// The catalog the program builds: the engine's rules and the built plugins'
// rules, the level-3 ones among them (engine/engine.cpp).
const lmacheck::RuleCatalog& catalog() {
    static const std::unique_ptr<const lmacheck::RuleCatalog> instance = [] {
        std::vector<lmacheck::RuleInfo> engine_rules = lmacheck::builtin_rules();
        engine_rules.push_back(lmacheck::resubmission_rule_info());
        engine_rules.push_back(lmacheck::older_version_rule_info());
        std::vector<lmacheck::LoadedRule> plugin_rules = lmacheck::load_plugins({LMACHECK_PLUGIN_DIR});
        return std::make_unique<const lmacheck::RuleCatalog>(std::move(engine_rules), std::move(plugin_rules));
    }();
    return *instance;
}

const std::vector<nlohmann::json>& samples() {
    static const std::vector<nlohmann::json> documents = [] {
        std::vector<nlohmann::json> out;
        for (const char* name : {"valid/institution-2019.json", "valid/municipality-2019-central.json",
                                 "invalid/schema.structure-wrong-type.json"}) {
            const fs::path file = source_dir / "samples" / name;
            if (fs::exists(file)) out.push_back(nlohmann::json::parse(read_file(file)));
        }
        return out;
    }();
    return documents;
}

// A rule set as --ruleset: every year's plan is built while it loads; ask
// for a few anyway, as the engine does per submission.
void load_rule_set(const std::string& bytes) {
    const fs::path file = scratch().dir() / "ruleset.json";
    write_file(file, bytes);
    const auto choice =
        lmacheck::RuleSetChoice::explicit_file(file, source_dir / "schemas" / "ruleset.schema.json", catalog());
    for (int year : {1900, 2018, 2019, 2030}) (void)choice.for_year(year).plan_for(year);
    (void)choice.for_year(std::nullopt).plan_for(std::nullopt);
}

void load_reference(const std::string& bytes) {
    const fs::path file = scratch().dir() / "municipalities.json";
    write_file(file, bytes);
    const auto list = lmacheck::ReferenceList::load(file, source_dir / "schemas" / "municipalities.schema.json");
    for (int year : {2014, 2019, 2030}) (void)list.municipality("GM0363", year);
}

void load_schema(const char* name, const std::string& bytes) {
    scratch().restore();
    write_file(scratch().schemas() / name, bytes);
    const auto schemas = lmacheck::SubmissionSchemas::load(scratch().schemas());
    lmacheck::StructureChecker checker;
    for (const nlohmann::json& document : samples()) (void)checker.check(schemas.for_document(document), document);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::string bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
    try {
        switch (data[0]) {
        case 'r': load_rule_set(bytes); break;
        case 'm': load_reference(bytes); break;
        case 'i': load_schema("institution-1.0.schema.json", bytes); break;
        case 'u': load_schema("municipality-1.0.schema.json", bytes); break;
        case 'e': load_schema("envelope-1.0.schema.json", bytes); break;
        default: return -1;  // not an input of this target: keep it out of the corpus
        }
    } catch (const lmacheck::ConfigError&) {
        // The clear error users get (exit 2 naming the file).
    } catch (const std::exception& e) {
        fail("an error that is not a ConfigError", e.what());
    }
    return 0;
}
