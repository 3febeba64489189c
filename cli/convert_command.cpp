// `lmacheck convert FILE --to json|xlsx [--output FILE]`: a submission's
// JSON form from a workbook, or the workbook of a JSON submission, in the
// shapes of docs/spreadsheets.md, so that the two convert into each other
// without loss. Converting does not validate: a file that reads is
// converted, whatever its findings would be, so that a user can repair it
// in the form they prefer.
#include "cli/commands.hpp"

#include "report/utf8_text.hpp"
#include "workbook/submission_file.hpp"
#include "workbook/workbook_writer.hpp"

#include <spdlog/spdlog.h>

#include <memory>

namespace lmacheck::cli {
namespace {

struct ConvertOptions {
    CommonOptions common;
    std::string input;
    std::string to;
};

// Only document.unreadable leaves no document; a repeated header or field
// drops a value, and the user should hear which. The cell and the details
// come from the file (a sheet name may hold a newline or ESC): printable.
bool read_input(const ConvertOptions& options, Document& document) {
    document = load_submission(options.input, options.input, LoadLimits{});
    for (const RawFinding& finding : document.findings) {
        const bool has_cell = finding.position && !finding.position->cell.empty();
        const std::string where = has_cell ? ":" + printable_text(finding.position->cell) : std::string();
        std::string detail;
        for (const auto& [name, value] : finding.args) {
            if (!value.is_string() || value.get_ref<const std::string&>().empty()) continue;
            detail += " " + name + "=" + printable_text(value.get_ref<const std::string&>());
        }
        spdlog::warn("{}{}: {} ({}){}", options.input, where, finding.rule, finding.message_id, detail);
    }
    if (!document.json) {
        spdlog::error("{}: cannot be read, nothing converted", options.input);
        return false;
    }
    return true;
}

int convert(const ConvertOptions& options) {
    Document document;
    if (!read_input(options, document)) return exit_rejected;
    if (options.to == "json") {
        return emit(document.json->dump(2) + "\n", options.common.output) ? exit_accepted : exit_usage;
    }
    if (options.common.output.empty()) {
        spdlog::error("--to xlsx needs --output FILE.xlsx (a workbook is not written to the terminal)");
        return exit_usage;
    }
    try {
        workbook::write_workbook(*document.json, options.common.output);
    } catch (const workbook::WriteError& e) {
        spdlog::error("{}: {}", options.input, e.what());
        return exit_rejected;
    }
    return exit_accepted;
}

}  // namespace

Command add_convert_command(CLI::App& app) {
    auto options = std::make_shared<ConvertOptions>();
    CLI::App* command = app.add_subcommand(
        "convert", "Convert a submission between its JSON form and a workbook (.xlsx, .ods), without loss");
    command->add_option("file", options->input, "The submission to convert (.json, .xlsx or .ods)")->required();
    command->add_option("--to", options->to, "The form to write")->required()->check(CLI::IsMember({"json", "xlsx"}));
    command->add_option("--output", options->common.output, "Write to FILE instead of standard output");
    command->add_option("--log-level", options->common.log_level, "Logging on stderr")
        ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}));
    return Command{command, &options->common, [options] { return convert(*options); }};
}

}  // namespace lmacheck::cli
