// `lmacheck template --kind institution|municipality --year YEAR --lang nl|en
// --output FILE.xlsx`: the empty workbook of one kind and year, to mail to
// the submitters (workbook/template_writer.hpp). Its drop-down lists come
// from the same sources the rules judge with: the municipality codes the
// reference list holds for the year (as reference.municipality-code sees
// them) and the financing streams that the year's configured
// financing.valid-for-year lets pass.
#include "cli/commands.hpp"

#include "lmacheck/submission.hpp"
#include "model/config_error.hpp"
#include "workbook/template_writer.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <memory>
#include <set>

namespace lmacheck::cli {
namespace {

namespace fs = std::filesystem;

struct TemplateOptions {
    CommonOptions common;
    std::string kind;
    int year = 0;
};

nlohmann::ordered_json read_ordered_json(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw ConfigError("cannot read " + file.string());
    try {
        return nlohmann::ordered_json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        throw ConfigError(file.string() + " is not valid JSON: " + e.what());
    }
}

// The reporting years the format allows (the envelope schema's bounds).
std::pair<int, int> year_bounds(const fs::path& schemas) {
    const auto envelope = read_ordered_json(schemas / "envelope-1.0.schema.json");
    const auto& year = envelope.at("definitions").at("reporting_year");
    return {year.at("minimum").get<int>(), year.at("maximum").get<int>()};
}

// Every code of the reference list's file that the engine's reference data
// knows in `year`, with that year's name, sorted by code.
std::vector<std::pair<std::string, std::string>> municipalities_of(const Engine& engine, const fs::path& file,
                                                                   int year) {
    std::set<std::string> codes;
    for (const auto& entry : read_ordered_json(file)) {
        if (entry.is_object() && entry.contains("code") && entry["code"].is_string()) {
            codes.insert(entry["code"].get<std::string>());
        }
    }
    std::vector<std::pair<std::string, std::string>> valid;
    for (const std::string& code : codes) {
        if (const Municipality* municipality = engine.reference().municipality(code, year)) {
            valid.emplace_back(code, municipality->name);
        }
    }
    return valid;
}

class CollectPaths final : public Reporter {
public:
    void report(std::string path, std::string_view, const MessageArgs&, std::optional<nlohmann::json>,
                std::optional<nlohmann::json>) override {
        paths.insert(std::move(path));
    }
    std::set<std::string> paths;
};

// The schema's financing streams that the year's financing.valid-for-year,
// as the rule set configures it, accepts: the check runs on a capacity
// record per stream. A year whose rule set leaves the rule out accepts all.
std::vector<std::string> financing_streams_of(const Engine& engine, const nlohmann::ordered_json& schema, int year) {
    std::vector<std::string> streams;
    for (const auto& value : schema.at("definitions").at("financing").at("enum")) {
        streams.push_back(value.get<std::string>());
    }
    const PlannedRule* rule = engine.plan_for(year).find("financing.valid-for-year");
    if (rule == nullptr || rule->check == nullptr) return streams;
    nlohmann::json probe{{"capacity", nlohmann::json::array()}};
    for (const std::string& stream : streams) probe["capacity"].push_back({{"financing", stream}});
    const Submission submission(probe, Kind::institution, year, engine.reference());
    CollectPaths found;
    rule->check->check(submission, found);
    std::vector<std::string> valid;
    for (std::size_t i = 0; i < streams.size(); ++i) {
        if (!found.paths.contains("/capacity/" + std::to_string(i) + "/financing")) valid.push_back(streams[i]);
    }
    return valid;
}

bool ends_in_xlsx(const std::string& name) {
    const std::string extension = fs::path(name).extension().string();
    return extension.size() == 5 && std::equal(extension.begin(), extension.end(), ".xlsx", [](char a, char b) {
               return std::tolower(static_cast<unsigned char>(a)) == b;
           });
}

int write(const TemplateOptions& options) {
    // What lmacheck reads is told by the name: an .xlsx under another name
    // would not read back as one.
    if (!ends_in_xlsx(options.common.output)) {
        spdlog::error("--output {}: the template is an .xlsx workbook; name it FILE.xlsx", options.common.output);
        return exit_usage;
    }
    const EngineOptions engine_setup = engine_options(options.common);
    const fs::path schemas = engine_setup.data_dir / "schemas";
    const auto [first_year, last_year] = year_bounds(schemas);
    if (options.year < first_year || options.year > last_year) {
        spdlog::error("--year {}: format 1.0 has reporting years {} to {}", options.year, first_year, last_year);
        return exit_usage;
    }
    const Engine engine(engine_setup);
    if (!engine.rule_set_for(options.year).covers(options.year)) {
        spdlog::error("--year {}: no rule set in {} covers {}", options.year, (engine_setup.data_dir / "rules").string(),
                      options.year);
        return exit_usage;
    }
    workbook::TemplateRequest request;
    request.kind = options.kind;
    request.year = options.year;
    request.dutch = options.common.lang == "nl";
    request.schema = read_ordered_json(schemas / (options.kind + "-1.0.schema.json"));
    const fs::path reference = engine_setup.data_dir / "rules" / "reference" / "municipalities.json";
    request.municipalities = municipalities_of(engine, reference, options.year);
    if (request.municipalities.empty()) {
        spdlog::error("--year {}: the reference list {} holds no municipality code valid in {}", options.year,
                      reference.string(), options.year);
        return exit_usage;
    }
    if (options.kind == "institution") request.financing = financing_streams_of(engine, request.schema, options.year);
    try {
        workbook::write_template(request, options.common.output);
    } catch (const workbook::WriteError& e) {
        spdlog::error("{}", e.what());
        return exit_usage;
    }
    spdlog::info("wrote the {} template of {} to {}", options.kind, options.year, options.common.output);
    return exit_accepted;
}

}  // namespace

Command add_template_command(CLI::App& app) {
    auto options = std::make_shared<TemplateOptions>();
    CLI::App* command = app.add_subcommand(
        "template", "Write the empty workbook (.xlsx) of a kind and reporting year, with drop-down lists and comments");
    command->add_option("--kind", options->kind, "The kind of submission")
        ->required()
        ->check(CLI::IsMember({"institution", "municipality"}));
    command->add_option("--year", options->year, "The reporting year")->required();
    command->add_option("--lang", options->common.lang, "Language of the comments on the headers")
        ->check(CLI::IsMember({"en", "nl"}))
        ->capture_default_str();
    command->add_option("--output", options->common.output, "The workbook to write (.xlsx)")->required();
    command
        ->add_option("--plugin-dir", options->common.plugin_dirs,
                     "Look for plugins in DIR instead of the default (repeatable, one DIR each; also "
                     "LMACHECK_PLUGIN_PATH)")
        ->allow_extra_args(false);
    command->add_option("--data-dir", options->common.data_dir,
                        "Where schemas/ and rules/ are (default: next to the program)");
    command->add_option("--log-level", options->common.log_level, "Log level on standard error")
        ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}))
        ->capture_default_str();
    command->add_flag("-v,--verbose", options->common.verbosity, "More log output on standard error (-v info, -vv debug)");
    return Command{command, &options->common, [options] { return write(*options); }};
}

}  // namespace lmacheck::cli
