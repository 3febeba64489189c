// The level-3 pass. After every file of a run has been validated, it runs the
// level-3 rules (cross/batch_check.hpp) over the run and, with --store, the
// store's accepted submissions of the same year; adds their findings and the
// explanation findings about them to the submissions; and recomputes each
// submission's counts and the run's summary.
#pragma once

#include "engine/batch.hpp"
#include "engine/engine.hpp"
#include "engine/report_model.hpp"

namespace lmacheck {

void run_cross_checks(const Engine& engine, RunReport& run);

// What one run judges: every file (run_batch), then the level-3 pass over
// them all.
RunReport judge_run(const Engine& engine, const std::vector<InputFile>& inputs, unsigned jobs,
                    const BatchProgress& progress = {});

}  // namespace lmacheck
