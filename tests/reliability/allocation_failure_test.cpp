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
// Each trial runs in a child process (fork), so that one that ends the
// process is seen and named instead of ending the test. A std::terminate
// after the failing call is counted apart and allowed: the libraries throw
// std::bad_alloc where it cannot be passed on. nlohmann::json's destructor
// allocates (json_value::destroy flattens the tree into a std::vector), and
// libstdc++'s directory_iterator allocates the next entry inside a noexcept
// function, so running out of memory there ends in std::terminate whatever
// the code around it does; the command line must turn that into exit 2.
// Any other terminate, a signal, or a wrong result fails the test.
//
// The replaced operator new is this program's: the plugins the engine loads
// use it too. Bounded: at most a fixed number of values of N per piece of
// work, evenly spread over its calls.
#include "engine/builtin_rules.hpp"
#include "engine/pipeline.hpp"
#include "engine/engine.hpp"
#include "document/fast_parse.hpp"

#include "support/file_bytes.hpp"
#include "support/test_paths.hpp"

#include <gtest/gtest.h>

#include <execinfo.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
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
#include <thread>
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

using lmacheck::test_paths::source_dir;

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

// How a trial ended.
enum class Outcome : char {
    same = 's',           // the failure did not change the result
    exception = 'e',      // the caller got an exception
    error_finding = 'f',  // the file was rejected with an error finding
    wrong = 'w',          // a wrong result (the detail says which)
    out_of_memory_terminate = 't',  // std::terminate once the allocation failed
    other_terminate = 'x',          // std::terminate before it
    crash = 'c',                    // the child died of a signal or vanished
};

int child_pipe = -1;  // where the child of a trial writes its outcome

void write_outcome(Outcome outcome, const std::string& detail) {
    const std::string message = std::string(1, static_cast<char>(outcome)) + detail;
    std::size_t done = 0;
    while (done < message.size()) {
        const ssize_t n = ::write(child_pipe, message.data() + done, message.size() - done);
        if (n <= 0) break;
        done += static_cast<std::size_t>(n);
    }
}

// A terminate once the allocation failed is the failure's: a std::bad_alloc
// thrown where it cannot be passed on (a destructor, a noexcept function,
// whose terminate shows no exception in flight).
[[noreturn]] void child_terminate() {
    const bool armed_then = armed.exchange(false);
    const bool out_of_memory = armed_then && calls.load() >= fail_at.load();
    if (!out_of_memory) {
        // Where it happened, for the failure message (stderr of the test).
        void* frames[64];
        ::backtrace_symbols_fd(frames, ::backtrace(frames, 64), 2);
    }
    write_outcome(out_of_memory ? Outcome::out_of_memory_terminate : Outcome::other_terminate, "");
    ::_exit(0);
}

// Runs `trial` in a child process and returns its outcome and detail.
std::pair<Outcome, std::string> in_child(const std::function<std::pair<Outcome, std::string>()>& trial) {
    int fds[2];
    if (::pipe(fds) != 0) return {Outcome::crash, "pipe() failed"};
    std::fflush(nullptr);
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::close(fds[0]);
        child_pipe = fds[1];
        std::set_terminate(child_terminate);
        const auto [outcome, detail] = trial();
        write_outcome(outcome, detail);
        ::_exit(0);
    }
    ::close(fds[1]);
    std::string message;
    char buffer[4096];
    for (ssize_t n; (n = ::read(fds[0], buffer, sizeof buffer)) > 0;) message.append(buffer, static_cast<std::size_t>(n));
    ::close(fds[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (message.empty()) {
        return {Outcome::crash, WIFSIGNALED(status) ? "killed by signal " + std::to_string(WTERMSIG(status))
                                                    : "exit " + std::to_string(WEXITSTATUS(status))};
    }
    return {static_cast<Outcome>(message[0]), message.substr(1)};
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

// The outcomes of a piece of work's trials, printed at the end; a wrong
// result, a crash or a terminate not caused by std::bad_alloc fails the test.
struct Tally {
    std::map<Outcome, int> counts;

    void add(Outcome outcome, const std::string& detail, const std::string& trial) {
        ++counts[outcome];
        switch (outcome) {
        case Outcome::wrong: ADD_FAILURE() << trial << ": a wrong result\n" << detail; break;
        case Outcome::crash: ADD_FAILURE() << trial << ": the process died: " << detail; break;
        case Outcome::other_terminate: ADD_FAILURE() << trial << ": std::terminate before the allocation failed"; break;
        default: break;
        }
    }
    std::string text() const {
        const std::map<Outcome, const char*> names = {
            {Outcome::same, "same result"},     {Outcome::exception, "exception"},
            {Outcome::error_finding, "error finding"}, {Outcome::wrong, "wrong"},
            {Outcome::out_of_memory_terminate, "terminate (bad_alloc in a destructor or noexcept function)"},
            {Outcome::other_terminate, "other terminate"}, {Outcome::crash, "crash"}};
        std::string out;
        for (const auto& [outcome, count] : counts) out += std::to_string(count) + " " + names.at(outcome) + "; ";
        return out;
    }
};

// A report made under failure, against the one made without.
std::pair<Outcome, std::string> judge(const SubmissionReport& got, const std::string& expected, bool expected_accepted) {
    const std::string actual = verdict(got);
    if (actual == expected) return {Outcome::same, ""};
    if (!got.accepted() && has_error_finding(got)) return {Outcome::error_finding, ""};
    return {Outcome::wrong, std::string(got.accepted() && !expected_accepted ? "accepted a rejected file! " : "") +
                                "without failure:\n" + expected + "\nwith failure:\n" + actual};
}

std::string trial_name(const std::string& what, long long n, bool persistent) {
    return what + ", operator new call " + std::to_string(n) + " failing" +
           (persistent ? " and every one after it" : "");
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
        const SubmissionReport report = judge_bytes(engine, s.bytes, s.name);
        s.expected = verdict(report);
        s.accepted = report.accepted();
        out.push_back(std::move(s));
    }
    return out;
}

TEST(AllocationFailure, TheDocumentLoaderReportsOrThrowsNeverLies) {
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
        for (const long long n : failure_points(total, 300)) {
            for (const bool persistent : {false, true}) {
                if (persistent && n % 3 != 0) continue;
                const auto [outcome, detail] = in_child([&]() -> std::pair<Outcome, std::string> {
                    std::optional<Document> got;
                    if (run_failing_at(n, persistent, [&] { got = parse_document(bytes, name, LoadLimits{}); })) {
                        return {Outcome::exception, ""};
                    }
                    if (same_as_reference(*got)) return {Outcome::same, ""};
                    if (!got->json && !got->findings.empty() && got->findings[0].rule == builtin::document_unreadable) {
                        return {Outcome::error_finding, ""};
                    }
                    return {Outcome::wrong, "the document differs without saying it is unreadable"};
                });
                tally.add(outcome, detail, trial_name("loading " + name, n, persistent));
            }
        }
        std::cout << "[ measure  ] loading " << name << ": " << total << " allocations; " << tally.text() << "\n";
    }
}

TEST(AllocationFailure, BuildingTheEngineThrowsOrBuildsOneThatJudgesTheSame) {
    const Engine reference_engine(engine_options());
    const std::vector<Sample> reference = samples(reference_engine);
    const long long total = count_calls([] { const Engine engine(engine_options()); });
    Tally tally;
    for (const long long n : failure_points(total, 100)) {
        for (const bool persistent : {false, true}) {
            if (persistent && n % 4 != 0) continue;
            const auto [outcome, detail] = in_child([&]() -> std::pair<Outcome, std::string> {
                std::unique_ptr<Engine> engine;
                if (run_failing_at(n, persistent, [&] { engine = std::make_unique<Engine>(engine_options()); })) {
                    return {Outcome::exception, ""};
                }
                // Built in spite of the failure: it must be the whole engine.
                for (const Sample& s : reference) {
                    ValidationContext context;
                    const std::string got = verdict(judge_bytes(*engine, s.bytes, s.name));
                    if (got != s.expected) {
                        return {Outcome::wrong, "the engine built, but judges " + s.name + " differently:\n" + got +
                                                    "\ninstead of\n" + s.expected};
                    }
                }
                return {Outcome::same, ""};
            });
            tally.add(outcome, detail, trial_name("building the engine", n, persistent));
        }
    }
    std::cout << "[ measure  ] building the engine: " << total << " allocations; " << tally.text() << "\n";
}

TEST(AllocationFailure, ValidationRejectsWithAFindingOrThrowsNeverLies) {
#if defined(__SANITIZE_ADDRESS__) && !defined(__clang__)
    // GCC 12 under AddressSanitizer reports stack-use-after-scope when an
    // allocation fails halfway through a braced list of nlohmann::json
    // temporaries (a rule's message arguments): GCC's known cleanup and
    // use-after-scope defects with list-initialisation and exceptions (GCC
    // bugs 81021, 85774), not this code's; clang's ASan build runs it clean.
    // The plain build still runs every trial.
    GTEST_SKIP() << "GCC + AddressSanitizer misreport exception cleanup of braced lists";
#endif
    const Engine engine(engine_options());
    for (const Sample& s : samples(engine)) {
        const long long total = count_calls([&] {
            ValidationContext context;
            (void)judge_bytes(engine, s.bytes, s.name);
        });
        Tally tally;
        for (const long long n : failure_points(total, 250)) {
            for (const bool persistent : {false, true}) {
                if (persistent && n % 3 != 0) continue;
                const auto [outcome, detail] = in_child([&]() -> std::pair<Outcome, std::string> {
                    std::optional<SubmissionReport> got;
                    const bool threw = run_failing_at(n, persistent, [&] {
                                           ValidationContext context;
                                           got = judge_bytes(engine, s.bytes, s.name);
                                       }).has_value();
                    // The failure must not have left the engine broken.
                    ValidationContext context;
                    const std::string after = verdict(judge_bytes(engine, s.bytes, s.name));
                    if (after != s.expected) return {Outcome::wrong, "afterwards the engine judges differently:\n" + after};
                    return threw ? std::pair<Outcome, std::string>{Outcome::exception, ""}
                                 : judge(*got, s.expected, s.accepted);
                });
                tally.add(outcome, detail, trial_name("validating " + s.name, n, persistent));
            }
        }
        std::cout << "[ measure  ] validating " << s.name << ": " << total << " allocations; " << tally.text() << "\n";
    }
}

// simdjson 3.0 keeps a parser whose first allocation failed half-way: its
// capacity set, its stage-2 stacks null. Each thread reuses one parser, so
// the thread's next document crashed in stage 2 (a SIGSEGV, seen in the
// two-thread run below when the failing call landed there). Every
// allocation of a fresh thread's first parse fails in turn; the thread's
// next parse must still give the document.
TEST(AllocationFailure, AParserWhoseAllocationFailedGivesTheNextDocumentRight) {
    const std::string text = test::read_bytes(source_dir / "samples/valid/institution-2019.json");
    const nlohmann::json expected = nlohmann::json::parse(text);
    constexpr int max_depth = 64;
    long long total = 0;
    std::thread([&] { total = count_calls([&] { (void)document_detail::fast_parse(text, max_depth); }); }).join();
    // simdjson allocates first (document, parser, stacks, padded copy);
    // what follows is the copy into nlohmann::json, which the other tests
    // cover.
    Tally tally;
    for (long long n = 1; n <= std::min<long long>(total, 24); ++n) {
        const auto [outcome, detail] = in_child([&]() -> std::pair<Outcome, std::string> {
            std::pair<Outcome, std::string> result{Outcome::same, ""};
            std::thread([&] {
                (void)run_failing_at(n, false, [&] { (void)document_detail::fast_parse(text, max_depth); });
                const std::optional<nlohmann::json> again = document_detail::fast_parse(text, max_depth);
                if (!again) result = {Outcome::wrong, "the thread's next parse gave no document"};
                else if (*again != expected) result = {Outcome::wrong, "the thread's next parse gave another document"};
            }).join();
            return result;
        });
        tally.add(outcome, detail, trial_name("a thread's first parse", n, false));
    }
    std::cout << "[ measure  ] a thread's first parse: " << total << " allocations; " << tally.text() << "\n";
}

TEST(AllocationFailure, ARunOnTwoThreadsWithTheLevel3PassThrowsOrReportsNeverLies) {
#if defined(__SANITIZE_ADDRESS__) && !defined(__clang__)
    // The same GCC defect as above: a failure point that lands in a rule's
    // braced list of message arguments is misreported as stack-use-after-scope
    // (seen in financing.valid-for-year once the pipeline's allocations moved
    // the sampled failure points). The plain build runs every trial.
    GTEST_SKIP() << "GCC + AddressSanitizer misreport exception cleanup of braced lists";
#endif
    const Engine engine(engine_options());
    std::vector<InputFile> inputs;
    for (const std::string& name : sample_files) inputs.push_back(InputFile{source_dir / "samples" / name, name, {}});
    // The level-3 pass may add findings to files: the reference is the run's.
    const RunReport whole = judge_run(engine, inputs, 2);
    std::vector<std::string> expected;
    for (const SubmissionReport& r : whole.submissions) expected.push_back(verdict(r));

    const long long total = count_calls([&] { (void)judge_run(engine, inputs, 2); });
    Tally tally;
    for (const long long n : failure_points(total, 150)) {
        for (const bool persistent : {false, true}) {
            if (persistent && n % 4 != 0) continue;
            const auto [outcome, detail] = in_child([&]() -> std::pair<Outcome, std::string> {
                std::optional<RunReport> got;
                if (run_failing_at(n, persistent, [&] { got = judge_run(engine, inputs, 2); })) {
                    return {Outcome::exception, ""};
                }
                if (got->submissions.size() != inputs.size()) return {Outcome::wrong, "a file is missing from the run"};
                std::pair<Outcome, std::string> worst{Outcome::same, ""};
                for (std::size_t i = 0; i < inputs.size(); ++i) {
                    auto one = judge(got->submissions[i], expected[i], whole.submissions[i].accepted());
                    if (one.first == Outcome::wrong) return {Outcome::wrong, inputs[i].display_name + ": " + one.second};
                    if (one.first == Outcome::error_finding) worst = one;
                }
                return worst;
            });
            tally.add(outcome, detail, trial_name("a run of " + std::to_string(inputs.size()) + " files on two threads",
                                                  n, persistent));
        }
    }
    std::cout << "[ measure  ] a run of " << inputs.size() << " files: " << total << " allocations; " << tally.text()
              << "\n";
}

}  // namespace
