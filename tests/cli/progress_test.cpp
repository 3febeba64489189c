// The progress line of `lmacheck validate` on a terminal.
#include "cli/progress.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

namespace {

using namespace lmacheck::cli;

// What a reporter wrote to its stream.
class CapturedStream {
public:
    CapturedStream() : file_(std::tmpfile()) {}
    ~CapturedStream() { std::fclose(file_); }
    CapturedStream(const CapturedStream&) = delete;
    CapturedStream& operator=(const CapturedStream&) = delete;

    std::FILE* file() { return file_; }
    std::string text() {
        std::fflush(file_);
        std::rewind(file_);
        std::string out;
        for (int c = std::fgetc(file_); c != EOF; c = std::fgetc(file_)) out += static_cast<char>(c);
        return out;
    }

private:
    std::FILE* file_;
};

TEST(Progress, ThousandsSeparator) {
    EXPECT_EQ(with_thousands_separator(0), "0");
    EXPECT_EQ(with_thousands_separator(999), "999");
    EXPECT_EQ(with_thousands_separator(1000), "1,000");
    EXPECT_EQ(with_thousands_separator(25000), "25,000");
    EXPECT_EQ(with_thousands_separator(1234567), "1,234,567");
}

TEST(Progress, LineIsRewrittenInPlaceAndTheFinalOneEnded) {
    EXPECT_EQ(progress_line(1200, 2500, false), "\rvalidated 1,200 / 2,500 files");
    EXPECT_EQ(progress_line(2500, 2500, true), "\rvalidated 2,500 / 2,500 files\n");
}

// Dutch groups thousands with a dot and says "gecontroleerd" (issue 12).
TEST(Progress, DutchLineGroupsThousandsWithADot) {
    EXPECT_EQ(progress_line(1200, 2500, false, lmacheck::Language::nl), "\r1.200 / 2.500 bestanden gecontroleerd");
    EXPECT_EQ(progress_line(1234567, 1234567, true, lmacheck::Language::nl),
              "\r1.234.567 / 1.234.567 bestanden gecontroleerd\n");
    CapturedStream stream;
    ProgressReporter reporter(stream.file(), true, std::chrono::milliseconds(0), lmacheck::Language::nl);
    reporter.callback()(5, 1000);
    reporter.finish(1000);
    EXPECT_EQ(stream.text(), "\r5 / 1.000 bestanden gecontroleerd\r1.000 / 1.000 bestanden gecontroleerd\n");
}

TEST(Progress, DisabledReporterWritesNothing) {
    CapturedStream stream;
    ProgressReporter reporter(stream.file(), false);
    EXPECT_FALSE(reporter.callback()) << "no callback: run_batch does no progress work at all";
    reporter.finish(10);
    EXPECT_EQ(stream.text(), "");
}

TEST(Progress, ShowsOnlyCountsAboveTheLastShownAndFinishesWithANewline) {
    CapturedStream stream;
    ProgressReporter reporter(stream.file(), true, std::chrono::milliseconds(0));
    const lmacheck::BatchProgress progress = reporter.callback();
    ASSERT_TRUE(progress);
    progress(5, 1000);
    progress(4, 1000);  // a worker that finished earlier but reports later
    progress(5, 1000);
    progress(1000, 1000);
    reporter.finish(1000);
    EXPECT_EQ(stream.text(), "\rvalidated 5 / 1,000 files\rvalidated 1,000 / 1,000 files"
                             "\rvalidated 1,000 / 1,000 files\n");
}

TEST(Progress, UpdatesWithinTheIntervalAreDropped) {
    CapturedStream stream;
    ProgressReporter reporter(stream.file(), true, std::chrono::hours(1));
    const lmacheck::BatchProgress progress = reporter.callback();
    for (std::size_t done = 1; done <= 100; ++done) progress(done, 100);
    reporter.finish(100);
    EXPECT_EQ(stream.text(), "\rvalidated 100 / 100 files\n");
}

}  // namespace
