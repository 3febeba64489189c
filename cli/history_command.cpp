// `lmacheck history --store DB [--submitter ID] [--year Y]`: the accepted
// submissions in the store and all their versions (the audit trail), as a
// table or as JSON. Reads only.
#include "cli/commands.hpp"
#include "cli/report_output.hpp"
#include "cli/store_options.hpp"

#include "report/utf8_text.hpp"
#include "store/submission_store.hpp"

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>

namespace lmacheck::cli {
namespace {

struct HistoryOptions {
    StoreReadOptions read;
    std::string format = "text";
    std::optional<std::string> submitter;
    std::optional<int> year;
};

std::string pad(std::string text, std::size_t width) {
    text.resize(std::max(text.size(), width), ' ');
    return text;
}

// The submitter and the file name come from outside (a submission, a command
// line): printable_text keeps their control characters off the terminal.
std::string as_text(const std::vector<AcceptedSubmission>& versions) {
    std::string out = "YEAR  KIND          SUBMITTER  VERSION  STATE       ACCEPTED AT (UTC)         "
                      "SHA-256       FILE\n";
    for (const AcceptedSubmission& v : versions) {
        out += std::to_string(v.reporting_year) + "  " + pad(std::string(to_string(v.kind)), 12) + "  " +
               pad(printable_text(v.submitter_id), 9) + "  " + pad(std::to_string(v.version), 7) + "  " +
               pad(v.superseded_at ? "superseded" : "current", 10) + "  " + pad(v.accepted_at, 24) + "  " +
               v.sha256.substr(0, 12) + "  " + printable_text(v.file) + "\n";
    }
    out += std::to_string(versions.size()) + " version(s)\n";
    return out;
}

// One object per submitter and year, with its versions oldest first.
std::string as_json(const std::vector<AcceptedSubmission>& versions) {
    nlohmann::ordered_json submissions = nlohmann::ordered_json::array();
    for (const AcceptedSubmission& v : versions) {
        const bool same = !submissions.empty() && submissions.back()["submitter_id"] == v.submitter_id &&
                          submissions.back()["kind"] == to_string(v.kind) &&
                          submissions.back()["reporting_year"] == v.reporting_year;
        if (!same) {
            submissions.push_back({{"kind", to_string(v.kind)},
                                   {"submitter_id", v.submitter_id},
                                   {"reporting_year", v.reporting_year},
                                   {"current_version", nullptr},
                                   {"versions", nlohmann::ordered_json::array()}});
        }
        nlohmann::ordered_json& s = submissions.back();
        if (!v.superseded_at) s["current_version"] = v.version;
        s["versions"].push_back({{"version", v.version},
                                 {"file", v.file},
                                 {"sha256", v.sha256},
                                 {"ruleset", v.ruleset},
                                 {"accepted_at", v.accepted_at},
                                 {"submitted_at", v.submitted_at ? nlohmann::ordered_json(*v.submitted_at)
                                                                 : nlohmann::ordered_json(nullptr)},
                                 {"superseded_at", v.superseded_at ? nlohmann::ordered_json(*v.superseded_at)
                                                                   : nlohmann::ordered_json(nullptr)}});
    }
    // A file name need not be UTF-8 (Linux allows any bytes): its invalid
    // bytes become U+FFFD rather than make the whole listing fail.
    return nlohmann::ordered_json{{"submissions", std::move(submissions)}}.dump(
               2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) +
           "\n";
}

int history(const HistoryOptions& options) {
    refuse_output_over(options.read.common.output, store_files(options.read.store));
    const auto store = open_existing_store(options.read.store, "history");
    const std::vector<AcceptedSubmission> versions = store->versions(options.submitter, options.year);
    const std::string out = options.format == "json" ? as_json(versions) : as_text(versions);
    return emit(out, options.read.common.output) ? exit_accepted : exit_usage;
}

}  // namespace

Command add_history_command(CLI::App& app) {
    auto options = std::make_shared<HistoryOptions>();
    CLI::App* command =
        app.add_subcommand("history", "List the accepted submissions in the store and every version of each");
    add_store_read_options(*command, options->read);
    command->add_option("--format", options->format, "Output format")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
    command->add_option("--submitter", options->submitter, "Only this submitter (AGB code or municipality code)");
    command->add_option("--year", options->year, "Only this reporting year")->check(CLI::Range(2008, 2035));
    return Command{command, &options->read.common, [options] { return history(*options); }};
}

}  // namespace lmacheck::cli
