#include "cli/split_reports.hpp"

#include "cli/common_options.hpp"
#include "model/config_error.hpp"

#include <spdlog/spdlog.h>

#include <cctype>
#include <map>
#include <set>
#include <utility>

namespace lmacheck::cli {
namespace {

namespace fs = std::filesystem;

// A submitter code as a file-name part: a code comes from the document, and
// one with '/' or ".." must not write outside the directory.
std::string file_name_part(const std::string& text) {
    std::string out;
    for (const char c : text) {
        const bool keep = std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_';
        out += keep ? c : '_';
    }
    return out;
}

std::string group_stem(const SubmissionReport& s) {
    if (!s.submitter_id) return "unknown-submitter";
    return file_name_part(*s.submitter_id) + "-" +
           (s.reporting_year ? std::to_string(*s.reporting_year) : std::string("unknown"));
}

using GroupKey = std::pair<std::optional<std::string>, std::optional<int>>;

}  // namespace

std::vector<SplitReport> split_by_submitter(const RunReport& run, std::string_view extension) {
    std::vector<SplitReport> out;
    std::map<GroupKey, std::size_t> index_of;
    std::set<std::string> names_taken;
    for (const SubmissionReport& s : run.submissions) {
        // Without a code the year does not matter: one group of the unknown.
        const GroupKey key{s.submitter_id, s.submitter_id ? s.reporting_year : std::nullopt};
        auto [it, added] = index_of.emplace(key, out.size());
        if (added) {
            const std::string stem = group_stem(s);
            std::string name = stem + std::string(extension);
            for (int n = 2; names_taken.count(name) != 0; ++n) name = stem + "-" + std::to_string(n) + std::string(extension);
            names_taken.insert(name);
            out.push_back({name, {}});
        }
        out[it->second].run.submissions.push_back(s);
    }
    for (SplitReport& report : out) {
        report.run.summary = summarize(report.run.submissions);
        report.run.summary.max_warnings_exceeded = run.summary.max_warnings_exceeded;
    }
    return out;
}

std::string report_extension(ReportFormat format) {
    switch (format) {
        case ReportFormat::text: return ".txt";
        case ReportFormat::json: return ".json";
        case ReportFormat::junit: return ".xml";
        case ReportFormat::sarif: return ".sarif";
        case ReportFormat::html: return ".html";
        case ReportFormat::markdown: return ".md";
    }
    return ".txt";
}

bool write_split_reports(const RunReport& run, ReportFormat format, const RenderOptions& render, const fs::path& dir,
                         const std::vector<KeptFile>& kept) {
    std::error_code ec;
    if (fs::exists(dir, ec) && !fs::is_directory(dir, ec)) {
        throw ConfigError("--output " + dir.string() + " is not a directory (--split-by writes one report per submitter into it)");
    }
    fs::create_directories(dir, ec);
    if (ec) {
        spdlog::error("cannot create the directory {}: {}", dir.string(), ec.message());
        return false;
    }
    const std::vector<SplitReport> reports = split_by_submitter(run, report_extension(format));
    for (const SplitReport& report : reports) refuse_output_over((dir / report.file_name).string(), kept);
    bool all_written = true;
    for (const SplitReport& report : reports) {
        all_written = emit_report(report.run, format, render, (dir / report.file_name).string()) && all_written;
    }
    spdlog::info("wrote {} report(s) into {}", reports.size(), dir.string());
    return all_written;
}

}  // namespace lmacheck::cli
