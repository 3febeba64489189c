// The run pipeline: what `validate`, `accept` (year by year) and the upload
// service all call to judge files. Three phases, around one FileWork per
// file (engine/file_work.hpp):
//
//   1. per document, on a pool of threads (engine/document_phase.hpp):
//      read, level 0, levels 1 and 2, the facts level-3 checks need; the
//      document is freed as soon as its file is done;
//   2. per run (engine/run_phase.hpp): the level-3 rules over every sound
//      file, and the store's accepted submissions of their years;
//   3. finalize (engine/finalize.hpp): severities, messages, explanations,
//      positions, order and counts, once, into immutable reports.
//
// Reports keep the order of the inputs, so a report is the same bytes
// whatever the number of jobs.
#pragma once

#include "engine/engine.hpp"
#include "engine/inputs.hpp"
#include "model/report_model.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace lmacheck {

// Called after each file's document phase with the number of files done so
// far and the total, from whichever worker thread finished it: it must be
// thread-safe, and calls may arrive slightly out of order (done 7 after 8).
using BatchProgress = std::function<void(std::size_t done, std::size_t total)>;

// What acceptance needs of a judged file besides its report.
struct JudgedSource {
    std::shared_ptr<const std::string> bytes;    // the original bytes; only when the run kept them
    std::optional<std::string> submitted_at;     // the document's, normalized; sound files only
    std::optional<SourcePosition> root_position; // where the document starts
};

struct JudgedRun {
    RunReport report;
    std::vector<JudgedSource> sources;  // by input, like report.submissions; only when the run keeps bytes
};

struct RunOptions {
    unsigned jobs = 1;
    BatchProgress progress{};
    bool keep_bytes = false;  // acceptance stores the bytes it judged
};

// Judges `inputs` as one run. An exception out of the engine (rules' own are
// engine.rule-failed findings) stops the run: a ConfigError (a StoreError
// among them) as it is, anything else as a runtime_error naming the file.
JudgedRun judge_files(const Engine& engine, const std::vector<InputFile>& inputs, const RunOptions& options);

// The same, for the report alone.
RunReport judge_run(const Engine& engine, const std::vector<InputFile>& inputs, unsigned jobs,
                    const BatchProgress& progress = {});

// One file in memory, judged as a run of its own (tests, tools).
SubmissionReport judge_bytes(const Engine& engine, std::string bytes, std::string name);

}  // namespace lmacheck
