#include "cli/common_options.hpp"
#include "cli/report_output.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <iostream>
#include <unistd.h>

namespace lmacheck::cli {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> plugin_dirs(const CommonOptions& options) {
    std::vector<fs::path> dirs(options.plugin_dirs.begin(), options.plugin_dirs.end());
    if (!dirs.empty()) return dirs;
    if (const char* env = std::getenv("LMACHECK_PLUGIN_PATH"); env != nullptr && *env != '\0') {
        std::string_view rest(env);
        while (!rest.empty()) {
            const std::size_t colon = rest.find(':');
            const std::string_view part = rest.substr(0, colon);
            if (!part.empty()) dirs.emplace_back(std::string(part));
            if (colon == std::string_view::npos) break;
            rest.remove_prefix(colon + 1);
        }
        if (!dirs.empty()) return dirs;
    }
    return default_plugin_dirs();
}

}  // namespace

void add_common_options(CLI::App& command, CommonOptions& options, const std::vector<std::string>& formats) {
    command.add_option("-f,--format", options.format, "Report format (default: from --output's extension, else text)")
        ->transform(CLI::IsMember(formats, CLI::ignore_case));
    command.add_option("-o,--output", options.output, "Write the report to FILE instead of standard output");
    command.add_option("--lang", options.lang, "Language of messages and labels")
        ->transform(CLI::IsMember({"en", "nl"}, CLI::ignore_case))
        ->capture_default_str();
    // One directory per --plugin-dir: without allow_extra_args(false) CLI11
    // would take the paths after it as more directories.
    command
        .add_option("--plugin-dir", options.plugin_dirs,
                    "Look for plugins in DIR instead of the default (repeatable, one DIR each; also "
                    "LMACHECK_PLUGIN_PATH)")
        ->allow_extra_args(false);
    command.add_option("--data-dir", options.data_dir, "Where schemas/ and rules/ are (default: next to the program)");
    command.add_option("--log-level", options.log_level, "Log level on standard error")
        ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}))
        ->capture_default_str();
    command.add_flag("-v,--verbose", options.verbosity, "More log output on standard error (-v info, -vv debug)");
}

std::string chosen_format(const CommonOptions& options, const std::vector<std::string>& formats) {
    if (!options.format.empty()) return options.format;
    static const std::vector<std::pair<std::string, std::string>> by_extension{
        {".json", "json"}, {".sarif", "sarif"}, {".xml", "junit"}, {".html", "html"},
        {".htm", "html"},  {".md", "markdown"}, {".markdown", "markdown"}, {".txt", "text"}};
    std::string extension = fs::path(options.output).extension().string();
    for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const auto& [suffix, format] : by_extension) {
        if (extension == suffix && std::find(formats.begin(), formats.end(), format) != formats.end()) return format;
    }
    return "text";
}

void configure_logging(const CommonOptions& options) {
    auto logger = spdlog::stderr_color_mt("lmacheck");
    logger->set_pattern("lmacheck: %^%l%$: %v");
    spdlog::set_default_logger(logger);
    spdlog::level::level_enum level = spdlog::level::from_str(options.log_level);
    if (options.verbosity == 1) level = std::min(level, spdlog::level::info);
    if (options.verbosity >= 2) level = std::min(level, spdlog::level::debug);
    spdlog::set_level(level);
}

EngineOptions engine_options(const CommonOptions& common) {
    EngineOptions options;
    options.data_dir = common.data_dir.empty() ? default_data_dir() : fs::path(common.data_dir);
    options.plugin_dirs = plugin_dirs(common);
    options.language = common.lang == "nl" ? Language::nl : Language::en;
    return options;
}

bool emit(const std::string& report, const std::string& output) {
    if (output.empty()) {
        std::cout << report << std::flush;
        return static_cast<bool>(std::cout);
    }
    return write_file_whole(report, output);
}

bool emit_report(const RunReport& run, ReportFormat format, const RenderOptions& render, const std::string& output) {
    if (output.empty()) {
        const bool written = write_report(run, format, render, [](std::string_view piece) {
            std::cout.write(piece.data(), static_cast<std::streamsize>(piece.size()));
            return static_cast<bool>(std::cout);
        });
        std::cout << std::flush;
        return written && static_cast<bool>(std::cout);
    }
    ReportFile file;
    return file.open(output) &&
           write_report(run, format, render, [&file](std::string_view piece) { return file.write(piece); }) &&
           file.commit();
}

bool wants_color(const CommonOptions& common) {
    return common.output.empty() && isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr;
}

}  // namespace lmacheck::cli
