// The last phase of the run pipeline (engine/pipeline.hpp): turns a file's
// work into its immutable report. Applies, once and in this order: the rule
// set's severities and the run's language to every finding, the submitter's
// explanations, positions, the report's order, the caps, and the counts.
#pragma once

#include "engine/engine.hpp"
#include "engine/file_work.hpp"
#include "model/report_model.hpp"

namespace lmacheck {

SubmissionReport finalize(const Engine& engine, FileWork&& work);

// A finding learnt after the run, about a file whose report is final:
// acceptance's history.older-version when another process stored a later
// version meanwhile. Rendered like any other; order, caps and counts follow.
void add_late_finding(const Engine& engine, SubmissionReport& report, RawFinding&& finding);

}  // namespace lmacheck
