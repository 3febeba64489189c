// `lmacheck export --store DB --year Y`: the current accepted submissions of
// a reporting year as JSON Lines, one submission a line, for the monitor's
// analysts: its metadata, the submission as submitted, and the findings it
// was accepted with (explained warnings included). Reads only.
#include "cli/commands.hpp"
#include "cli/report_output.hpp"
#include "cli/store_options.hpp"

#include "store/store_error.hpp"
#include "store/submission_store.hpp"
#include "workbook/submission_file.hpp"

#include <nlohmann/json.hpp>

#include <memory>

namespace lmacheck::cli {
namespace {

struct ExportOptions {
    StoreReadOptions read;
    int year = 0;
};

using ordered = nlohmann::ordered_json;

// The findings of a stored one-submission report; [] if it holds none.
ordered findings_of(std::string_view report) {
    const ordered parsed = ordered::parse(report, nullptr, false);
    if (parsed.is_discarded() || !parsed.contains("submissions") || parsed["submissions"].empty()) {
        return ordered::array();
    }
    return parsed["submissions"][0].value("findings", ordered::array());
}

std::string export_line(const StoredContent& stored, const std::string& store_file) {
    const AcceptedSubmission& s = stored.submission;
    ordered line{{"kind", to_string(s.kind)},   {"submitter_id", s.submitter_id}, {"reporting_year", s.reporting_year},
                 {"version", s.version},        {"file", s.file},                 {"sha256", s.sha256},
                 {"ruleset", s.ruleset},        {"accepted_at", s.accepted_at}};
    // Stored bytes were accepted (and their SHA-256 checked on reading), so
    // they parse; the key order is the submitter's. A stored UTF-8 BOM is
    // not part of the document.
    std::string_view bytes = stored.bytes;
    if (bytes.substr(0, 3) == std::string_view("\xEF\xBB\xBF", 3)) bytes.remove_prefix(3);
    if (is_workbook_name(s.file)) {
        // A workbook is exported as its JSON form (the store keeps its own bytes).
        const Document document = parse_submission(std::string(stored.bytes), s.file, LoadLimits{});
        line["submission"] = document.json ? ordered::parse(document.json->dump()) : ordered(ordered::value_t::discarded);
    } else {
        line["submission"] = ordered::parse(bytes, nullptr, /*allow_exceptions=*/false);
    }
    if (line["submission"].is_discarded()) {
        throw StoreError(store_file + " holds " + std::string(to_string(s.kind)) + " " + s.submitter_id + " " +
                         std::to_string(s.reporting_year) + " version " + std::to_string(s.version) +
                         " as bytes that do not parse as JSON");
    }
    line["findings"] = findings_of(stored.report);
    return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

int export_year(const ExportOptions& options) {
    refuse_output_over(options.read.common.output, store_files(options.read.store));
    const auto store = open_existing_store(options.read.store, "export");
    std::string out;
    store->for_each_current(options.year, [&](const StoredContent& stored) { out += export_line(stored, store->file().string()); });
    return emit(out, options.read.common.output) ? exit_accepted : exit_usage;
}

}  // namespace

Command add_export_command(CLI::App& app) {
    auto options = std::make_shared<ExportOptions>();
    CLI::App* command =
        app.add_subcommand("export", "Write the accepted submissions of one reporting year as JSON Lines");
    add_store_read_options(*command, options->read);
    command->add_option("--year", options->year, "The reporting year")->required()->check(CLI::Range(2008, 2035));
    return Command{command, &options->read.common, [options] { return export_year(*options); }};
}

}  // namespace lmacheck::cli
