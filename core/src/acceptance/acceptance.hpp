// Storing the accepted submissions of a judged run: what `lmacheck accept`
// (and the upload service) does after validation. Each submission without
// errors is stored in its own transaction, in the order of the run, with its
// original bytes and its own JSON report; rejected submissions are never
// stored. A failure stops at that submission (StoreError): the ones before it
// stay stored, the failing one is not stored at all.
#pragma once

#include "engine/engine.hpp"
#include "engine/inputs.hpp"
#include "engine/pipeline.hpp"
#include "model/report_model.hpp"
#include "store/submission_store.hpp"

#include <optional>
#include <string>

namespace lmacheck {

struct AcceptanceSummary {
    int added = 0;      // first version for their submitter and year
    int replaced = 0;   // a new current version; the earlier one kept
    int unchanged = 0;  // the same bytes were already stored
    int older = 0;      // stored in the audit trail, not current: a later-submitted version is current
    int rejected = 0;   // not stored
};

// Requires a run judged with its bytes kept (RunOptions::keep_bytes). Sets
// each submission's `stored`. An older version that the store kept out of
// the current place although its report did not say so (another process
// stored a later version meanwhile) gets the history.older-version finding
// when its rule set runs that rule. `provenance` (the upload service's
// caller) is stored with each version.
AcceptanceSummary store_accepted(SubmissionStore& store, JudgedRun& run, const Engine& engine,
                                  const Provenance& provenance = {});

struct AcceptanceRun {
    RunReport run;  // the report, in the order of the inputs
    AcceptanceSummary summary;
    // Set when storing failed: what failed. The submissions before it are
    // stored; it and the ones after it are not.
    std::optional<std::string> store_error;
};

// `lmacheck accept`: validates `inputs` with an engine that reads `store`,
// and stores the accepted submissions one reporting year after another, in
// ascending order. A run holding several years of one submitter so gets
// what separate runs per year would: each year is judged after the years
// before it are stored, so its level-2 rules compare it with the year
// accepted just before it in the same run. (Every file is validated once to
// learn its year; files of a later year are judged again once the earlier
// years are stored. Files without a readable year are judged with the first.)
AcceptanceRun accept_year_by_year(const Engine& engine, SubmissionStore& store, const std::vector<InputFile>& inputs,
                                  unsigned jobs, const BatchProgress& progress = {},
                                  const Provenance& provenance = {});

}  // namespace lmacheck
