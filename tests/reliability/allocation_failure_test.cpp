// Allocation failure: the document loader, the engine's construction
// (plugins, schemas, reference list, rule sets), the engine's validation of
// one file and a run over several files on two threads (judge_run, with the
// level-3 pass) run with an operator new that fails at its Nth call, for N
// spread over the calls the same work makes without failing; in the
// "persistent" trials every call from the Nth on fails too, as in a process
// out of memory. Each failure must become a clear error: an exception the
// caller gets (the command line turns it into exit 2), or a finding that
// rejects the file (document.unreadable, engine.rule-failed). Never a crash,
// and never a wrong result: a report that differs from the one made without
// failure while it has no such finding (above all, a file accepted that is
// rejected without failures), an engine that builds but judges differently,
// or an engine that judges differently after a failure it reported.
//
// The replaced operator new is this program's: the plugins the engine loads
// use it too. Bounded: at most a fixed number of values of N per piece of
// work, evenly spread over its calls.
#include "engine/builtin_rules.hpp"
#include "engine/cross_checks.hpp"
#include "engine/engine.hpp"

#include "support/file_bytes.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <vector>

// ---------------------------------------------------------------------------
// A counting operator new that can be told to fail

namespace {

std::atomic<bool> armed{false};
std::atomic<long long> calls{0};     // operator new calls since armed
std::atomic<long long> fail_at{0};   // the call that fails; 0: none
std::atomic<bool> fail_after{false}; // and every later call too

void* allocate(std::size_t size) noexcept {
    if (armed.load(std::memory_order_relaxed)) {
        const long long call = calls.fetch_add(1, std::memory_order_relaxed) + 1;
        const long long at = fail_at.load(std::memory_order_relaxed);
        if (at > 0 && (call == at || (call > at && fail_after.load(std::memory_order_relaxed)))) return nullptr;
    }
    return std::malloc(size == 0 ? 1 : size);
}

void* allocate_or_throw(std::size_t size) {
    void* p = allocate(size);
    if (p == nullptr) throw std::bad_alloc();
    return p;
}

}  // namespace

void* operator new(std::size_t size) { return allocate_or_throw(size); }
void* operator new[](std::size_t size) { return allocate_or_throw(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return allocate(size); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return allocate(size); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }

namespace {

namespace fs = std::filesystem;
using namespace lmacheck;

const fs::path source_dir = LMACHECK_SOURCE_DIR;

// What was running, for the terminate handler: a crash names its trial.
char current_trial[256] = "none";

[[noreturn]] void say_which_trial_and_abort() {
    std::fprintf(stderr, "allocation_failure_test: std::terminate during %s\n", current_trial);
    std::abort();
}

// Runs `work` and returns how many operator new calls it made.
long long count_calls(const std::function<void()>& work) {
    calls = 0;
    fail_at = 0;
    armed = true;
    work();
    armed = false;
    return calls.load();
}

// Runs `work` with call `n` failing (and every later one when persistent);
// returns the message of the exception that came out of it, if any.
std::optional<std::string> run_failing_at(long long n, bool persistent, const std::function<void()>& work) {
    calls = 0;
    fail_at = n;
    fail_after = persistent;
    armed = true;
    try {
        work();
        armed = false;
        return std::nullopt;
    } catch (const std::exception& e) {
        armed = false;
        return std::string(e.what());
    } catch (...) {
        armed = false;
        return std::string("an exception of a type that is not std::exception");
    }
}

// The values of N to try: every call when there are few, else `points`
// of them evenly spread from the first call to the last.
std::vector<long long> failure_points(long long total, long long points) {
    std::vector<long long> out;
    if (total <= points) {
        for (long long n = 1; n <= total; ++n) out.push_back(n);
    } else {
        for (long long i = 0; i < points; ++i) out.push_back(1 + i * (total - 1) / (points - 1));
    }
    return out;
}

// What a report says, to compare with the report made without failure.
std::string verdict(const SubmissionReport& report) {
    std::string text = report.accepted() ? "accepted" : "rejected";
    for (const Finding& f : report.findings) {
        text += "\n" + f.rule + " " + std::string(to_string(f.severity)) + " " + f.path + " " + f.message;
    }
    return text;
}

bool has_error_finding(const SubmissionReport& report) {
    for (const Finding& f : report.findings) {
        if (f.rule == builtin::document_unreadable || f.rule == builtin::rule_failed) return true;
    }
    return false;
}

// The outcomes of a piece of work's trials, printed at the end.
struct Tally {
    int same = 0;           // the failure did not change the result
    int exception = 0;      // the caller got an exception
    int error_finding = 0;  // the file was rejected with an error finding
    int wrong = 0;

    std::string text() const {
        return std::to_string(same) + " same result, " + std::to_string(exception) + " exception, " +
               std::to_string(error_finding) + " error finding, " + std::to_string(wrong) + " wrong";
    }
};

// Judges a report made under failure against the one made without.
void judge(const SubmissionReport& got, const std::string& expected, bool expected_accepted, Tally& tally,
           const std::string& trial) {
    const std::string actual = verdict(got);
    if (actual == expected) {
        ++tally.same;
    } else if (!got.accepted() && has_error_finding(got)) {
        ++tally.error_finding;
    } else {
        ++tally.wrong;
        ADD_FAILURE() << trial << ": a wrong result" << (got.accepted() && !expected_accepted ? " (accepted!)" : "")
                      << "\nwithout failure:\n" << expected << "\nwith failure:\n" << actual;
    }
}

EngineOptions engine_options() {
    EngineOptions options;
    options.data_dir = source_dir;
    options.plugin_dirs = {LMACHECK_PLUGIN_DIR};
    return options;
}

struct Sample {
    std::string name;
    std::string bytes;
    std::string expected;  // the verdict without failure
    bool accepted = false;
};

const std::vector<std::string> sample_files = {
    "valid/institution-2019.json",          "valid/municipality-2019-central.json",
    "invalid/capacity.occupancy.json",      "invalid/schema.structure-wrong-type.json",
    "invalid/document.duplicate-key.json",  "invalid/document.unreadable-truncated.json",
};

std::vector<Sample> samples(const Engine& engine) {
    std::vector<Sample> out;
    for (const std::string& name : sample_files) {
        Sample s{name, test::read_bytes(source_dir / "samples" / name), {}, false};
        ValidationContext context;
        const SubmissionReport report = engine.validate_bytes(s.bytes, s.name, context);
        s.expected = verdict(report);
        s.accepted = report.accepted();
        out.push_back(std::move(s));
    }
    return out;
}

class AllocationFailure : public ::testing::Test {
protected:
    static void SetUpTestSuite() { std::set_terminate(say_which_trial_and_abort); }

    void set_trial(const std::string& what, long long n, bool persistent) {
        std::snprintf(current_trial, sizeof current_trial, "%s, operator new call %lld failing%s", what.c_str(), n,
                      persistent ? " and every one after it" : "");
    }
    std::string trial_name() const { return current_trial; }
};

TEST_F(AllocationFailure, TheDocumentLoaderReportsOrThrowsNeverLies) {
    for (const std::string& name : sample_files) {
        const std::string bytes = test::read_bytes(source_dir / "samples" / name);
        const Document reference = parse_document(bytes, name, LoadLimits{});
        const auto same_as_reference = [&](const Document& d) {
            if (d.findings.size() != reference.findings.size() || d.json.has_value() != reference.json.has_value()) {
                return false;
            }
            for (std::size_t i = 0; i < d.findings.size(); ++i) {
                if (d.findings[i].rule != reference.findings[i].rule || d.findings[i].path != reference.findings[i].path) {
                    return false;
                }
            }
            return !d.json || *d.json == *reference.json;
        };
        const long long total = count_calls([&] { (void)parse_document(bytes, name, LoadLimits{}); });
        Tally tally;
        for (const long long n : failure_points(total, 400)) {
            for (const bool persistent : {false, true}) {
                if (persistent && n % 3 != 0) continue;
                set_trial("loading " + name, n, persistent);
                std::optional<Document> got;
                if (run_failing_at(n, persistent, [&] { got = parse_document(bytes, name, LoadLimits{}); })) {
                    ++tally.exception;
                } else if (same_as_reference(*got)) {
                    ++tally.same;
                } else if (!got->json && !got->findings.empty() &&
                           got->findings[0].rule == builtin::document_unreadable) {
                    ++tally.error_finding;
                } else {
                    ++tally.wrong;
                    ADD_FAILURE() << trial_name() << ": the document differs without saying it is unreadable";
                }
            }
        }
        std::cout << "[ measure  ] loading " << name << ": " << total << " allocations; " << tally.text() << "\n";
    }
}

TEST_F(AllocationFailure, BuildingTheEngineThrowsOrBuildsOneThatJudgesTheSame) {
    const Engine reference_engine(engine_options());
    const std::vector<Sample> reference = samples(reference_engine);
    const long long total = count_calls([] { const Engine engine(engine_options()); });
    Tally tally;
    for (const long long n : failure_points(total, 120)) {
        for (const bool persistent : {false, true}) {
            if (persistent && n % 4 != 0) continue;
            set_trial("building the engine", n, persistent);
            std::unique_ptr<Engine> engine;
            if (run_failing_at(n, persistent, [&] { engine = std::make_unique<Engine>(engine_options()); })) {
                ++tally.exception;
                continue;
            }
            // Built in spite of the failure: it must be the whole engine.
            ++tally.same;
            for (const Sample& s : reference) {
                ValidationContext context;
                const std::string got = verdict(engine->validate_bytes(s.bytes, s.name, context));
                if (got != s.expected) {
                    ++tally.wrong;
                    ADD_FAILURE() << trial_name() << ": the engine built, but judges " << s.name << " differently:\n"
                                  << got << "\ninstead of\n" << s.expected;
                }
            }
        }
    }
    std::cout << "[ measure  ] building the engine: " << total << " allocations; " << tally.text() << "\n";
}

TEST_F(AllocationFailure, ValidationRejectsWithAFindingOrThrowsNeverLies) {
    const Engine engine(engine_options());
    for (const Sample& s : samples(engine)) {
        const long long total = count_calls([&] {
            ValidationContext context;
            (void)engine.validate_bytes(s.bytes, s.name, context);
        });
        Tally tally;
        for (const long long n : failure_points(total, 300)) {
            for (const bool persistent : {false, true}) {
                if (persistent && n % 3 != 0) continue;
                set_trial("validating " + s.name, n, persistent);
                std::optional<SubmissionReport> got;
                if (run_failing_at(n, persistent, [&] {
                        ValidationContext context;
                        got = engine.validate_bytes(s.bytes, s.name, context);
                    })) {
                    ++tally.exception;
                } else {
                    judge(*got, s.expected, s.accepted, tally, trial_name());
                }
                // The failure must not have left the engine broken.
                ValidationContext context;
                const std::string after = verdict(engine.validate_bytes(s.bytes, s.name, context));
                if (after != s.expected) {
                    ADD_FAILURE() << trial_name() << ": afterwards the engine judges differently:\n" << after;
                }
            }
        }
        std::cout << "[ measure  ] validating " << s.name << ": " << total << " allocations; " << tally.text() << "\n";
    }
}

TEST_F(AllocationFailure, ARunOnTwoThreadsWithTheLevel3PassThrowsOrReportsNeverLies) {
    const Engine engine(engine_options());
    const std::vector<Sample> reference = samples(engine);
    std::vector<InputFile> inputs;
    for (const Sample& s : reference) inputs.push_back(InputFile{source_dir / "samples" / s.name, s.name, {}});
    // The level-3 pass may add findings to files: the reference is the run's.
    const RunReport whole = judge_run(engine, inputs, 2);
    std::vector<std::string> run_expected;
    for (const SubmissionReport& r : whole.submissions) run_expected.push_back(verdict(r));

    const long long total = count_calls([&] { (void)judge_run(engine, inputs, 2); });
    Tally tally;
    for (const long long n : failure_points(total, 200)) {
        for (const bool persistent : {false, true}) {
            if (persistent && n % 4 != 0) continue;
            set_trial("a run of " + std::to_string(inputs.size()) + " files on two threads", n, persistent);
            std::optional<RunReport> got;
            if (run_failing_at(n, persistent, [&] { got = judge_run(engine, inputs, 2); })) {
                ++tally.exception;
                continue;
            }
            ASSERT_EQ(got->submissions.size(), inputs.size()) << trial_name() << ": a file is missing from the run";
            for (std::size_t i = 0; i < inputs.size(); ++i) {
                judge(got->submissions[i], run_expected[i], whole.submissions[i].accepted(), tally,
                      trial_name() + ", " + inputs[i].display_name);
            }
        }
    }
    std::cout << "[ measure  ] a run of " << inputs.size() << " files: " << total << " allocations; " << tally.text()
              << "\n";
}

}  // namespace
