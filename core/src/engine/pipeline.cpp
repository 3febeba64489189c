#include "engine/pipeline.hpp"

#include "engine/document_phase.hpp"
#include "engine/finalize.hpp"
#include "engine/run_phase.hpp"
#include "model/config_error.hpp"
#include "workbook/submission_file.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace lmacheck {
namespace {

// The first failure of a phase on the pool. An exception out of the engine
// is the tool failing on a file, e.g. out of memory: not the file's fault,
// and a finding against it would change the level-3 verdicts of the others
// too (a duplicate no longer seen, a file accepted). The run stops instead,
// and the caller gets the error (exit 2). A ConfigError (a store that cannot
// be read is a StoreError) keeps its own message, which names what failed.
//
// Recording allocates nothing (out of memory is one of the failures it
// records): the message is built on the calling thread, in rethrow().
class RunFailure {
public:
    // `item`: the input it failed on; `where` for anything else.
    void record(std::optional<std::size_t> item, const char* where) noexcept {
        const std::lock_guard lock(mutex_);
        if (error_) return;
        error_ = std::current_exception();
        item_ = item;
        where_ = where;
    }

    void rethrow(const std::vector<InputFile>& inputs) const {
        if (!error_) return;
        try {
            std::rethrow_exception(error_);
        } catch (const ConfigError&) {
            throw;  // names what failed: the store, a plugin
        } catch (const std::exception& e) {
            const std::string where = item_ ? inputs[*item_].display_name : where_;
            throw std::runtime_error("judging " + where + ": " + e.what());
        }
    }

private:
    std::mutex mutex_;
    std::exception_ptr error_;
    std::optional<std::size_t> item_;
    const char* where_ = "";
};

// Calls `work(i, context)` for every i below `count` on up to `jobs` threads,
// each with its own ValidationContext. The first exception stops the other
// threads taking further items and is rethrown once all have stopped.
template <typename Work>
void for_each_on_pool(std::size_t count, unsigned jobs, const std::vector<InputFile>& inputs, Work&& work) {
    std::atomic<std::size_t> next{0};
    RunFailure failure;
    auto worker = [&] {
        try {
            ValidationContext context;
            for (std::size_t i = next++; i < count; i = next++) {
                try {
                    work(i, context);
                } catch (...) {
                    next = count;
                    failure.record(i, "");
                }
            }
        } catch (...) {
            next = count;
            failure.record(std::nullopt, "a worker thread");
        }
    };
    const std::size_t workers = std::min<std::size_t>(std::max(1u, jobs), count);
    if (workers <= 1) {
        worker();
    } else {
        std::vector<std::thread> threads;
        try {
            for (std::size_t w = 0; w < workers; ++w) threads.emplace_back(worker);
        } catch (...) {
            next = count;
            failure.record(std::nullopt, "starting the worker threads");  // the ones started finish the run
        }
        for (std::thread& t : threads) t.join();
    }
    failure.rethrow(inputs);
}

FileWork judge_input(const Engine& engine, const InputFile& input, ValidationContext& context, bool keep_bytes) {
    if (!input.unreadable.empty()) return judge_unreadable(engine, input.display_name, input.unreadable);
    Document document = input.bytes ? parse_submission(*input.bytes, input.display_name, engine.load_limits())
                                    : load_submission(input.path, input.display_name, engine.load_limits());
    return judge_document(engine, std::move(document), context, keep_bytes);
}

// The run's cap on findings, over the document phase's findings in input
// order: a file keeps the first of its findings in path order.
std::size_t keep_within_run(FileWork& work, std::size_t remaining) {
    if (work.findings.size() <= remaining) return work.findings.size();
    std::stable_sort(work.findings.begin(), work.findings.end(), [](const RawFinding& a, const RawFinding& b) {
        const int by_path = compare_pointers(a.path, b.path);
        return by_path != 0 ? by_path < 0 : a.rule < b.rule;
    });
    for (auto it = work.findings.begin() + static_cast<std::ptrdiff_t>(remaining); it != work.findings.end(); ++it) {
        work.budget.add_dropped(it->rule, 1);
    }
    work.findings.erase(work.findings.begin() + static_cast<std::ptrdiff_t>(remaining), work.findings.end());
    return remaining;
}

}  // namespace

JudgedRun judge_files(const Engine& engine, const std::vector<InputFile>& inputs, const RunOptions& options) {
    std::vector<FileWork> files(inputs.size(), FileWork(engine.finding_limits().per_file));
    std::atomic<std::size_t> done{0};
    RunFindingBudget run_budget(engine.finding_limits().per_run, inputs.size(),
                                [&](std::size_t i, std::size_t remaining) { return keep_within_run(files[i], remaining); });
    for_each_on_pool(inputs.size(), options.jobs, inputs, [&](std::size_t i, ValidationContext& context) {
        files[i] = judge_input(engine, inputs[i], context, options.keep_bytes);
        run_budget.finished(i);
        if (options.progress) options.progress(++done, inputs.size());
    });

    run_aggregate_rules(engine, files);

    JudgedRun run;
    run.report.submissions.resize(files.size());
    if (options.keep_bytes) run.sources.resize(files.size());
    // On one thread whatever --jobs says: every file's report copies the ids
    // of the rules that ran (SharedText, one shared string each), and two
    // threads copying the same ones pass their reference counts back and
    // forth. On two cores finalize took as long on two threads as on one (a
    // valid batch and one with a defect in every other file), for 10 % more
    // CPU (docs/performance.md).
    constexpr unsigned finalize_jobs = 1;
    for_each_on_pool(files.size(), finalize_jobs, inputs, [&](std::size_t i, ValidationContext&) {
        // Taken out of `files`, so that what finalize leaves of the record
        // (its lists' buffers) is freed file by file, not at the end: at the
        // end of finalize every file's report is alive too, and that is a
        // long run's peak memory (docs/performance.md).
        FileWork work = std::move(files[i]);
        if (options.keep_bytes) {
            run.sources[i] = JudgedSource{std::move(work.bytes), work.submitted_at, work.root_position};
        }
        run.report.submissions[i] = finalize(engine, std::move(work));
    });
    run.report.summary = summarize(run.report.submissions);
    return run;
}

RunReport judge_run(const Engine& engine, const std::vector<InputFile>& inputs, unsigned jobs,
                    const BatchProgress& progress) {
    return judge_files(engine, inputs, RunOptions{jobs, progress, false}).report;
}

SubmissionReport judge_bytes(const Engine& engine, std::string bytes, std::string name) {
    std::vector<InputFile> inputs{InputFile{name, name, ""}};
    inputs[0].bytes = std::make_shared<const std::string>(std::move(bytes));
    return std::move(judge_run(engine, inputs, 1).submissions.front());
}

}  // namespace lmacheck
