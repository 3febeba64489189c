// A report is written while it is rendered (write_report), so a national
// batch's report is never in memory whole: the pieces must add up to exactly
// the bytes render_report gives, a large JSON report must really come in
// several pieces, and a destination that fails stops the rendering.
#include "report_test_support.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace lmacheck {
namespace {

using testing::make_finding;
using testing::make_run;
using testing::make_submission;
using testing::mixed_run;

// A run of `files` submissions with a finding each: about 1 KiB of JSON per file.
RunReport large_run(int files) {
    std::vector<SubmissionReport> submissions;
    for (int i = 0; i < files; ++i) {
        SubmissionReport s = make_submission("batch/institution-" + std::to_string(i) + ".json", 'c', "institution",
                                             std::to_string(6000000 + i), {"schema.structure"});
        s.findings = {make_finding("capacity.occupancy", Severity::warning, "/capacity/" + std::to_string(i % 7),
                                   "occupancy 1.05 is above the maximum 1.00", SourcePosition{30, 19})};
        submissions.push_back(std::move(s));
    }
    return make_run(std::move(submissions));
}

std::vector<std::string> pieces_of(const RunReport& run, ReportFormat format) {
    std::vector<std::string> pieces;
    const bool written = write_report(run, format, RenderOptions{}, [&pieces](std::string_view piece) {
        pieces.emplace_back(piece);
        return true;
    });
    EXPECT_TRUE(written);
    return pieces;
}

std::string concatenated(const std::vector<std::string>& pieces) {
    std::string all;
    for (const std::string& piece : pieces) all += piece;
    return all;
}

TEST(ReportStreaming, PiecesAddUpToTheRenderedReportInEveryFormat) {
    for (const RunReport& run : {mixed_run(), large_run(3000)}) {
        for (const std::string& name : report_format_names()) {
            const ReportFormat format = *parse_report_format(name);
            EXPECT_EQ(concatenated(pieces_of(run, format)), render_report(run, format, RenderOptions{})) << name;
        }
    }
}

TEST(ReportStreaming, ALargeJsonReportComesInPiecesBetweenSubmissions) {
    const std::vector<std::string> pieces = pieces_of(large_run(3000), ReportFormat::json);
    ASSERT_GT(pieces.size(), 3u) << "a report of about 3 MiB must not be handed over whole";
    for (std::size_t i = 0; i + 1 < pieces.size(); ++i) {
        EXPECT_LE(pieces[i].size(), 512u * 1024u) << "piece " << i;
        // Every piece but the last ends after a submission's closing brace.
        EXPECT_EQ(pieces[i].back(), '}') << "piece " << i;
    }
}

TEST(ReportStreaming, AFailingDestinationStopsTheRendering) {
    int calls = 0;
    const bool written = write_report(large_run(3000), ReportFormat::json, RenderOptions{}, [&calls](std::string_view) {
        ++calls;
        return false;
    });
    EXPECT_FALSE(written);
    EXPECT_EQ(calls, 1) << "nothing is rendered after the destination failed";
}

}  // namespace
}  // namespace lmacheck
