// Storing the accepted submissions of a judged run: what `lmacheck accept`
// (and the upload service) does after validation. Each submission without
// errors is stored in its own transaction, in the order of the run, with its
// original bytes and its own JSON report; rejected submissions are never
// stored. A failure stops at that submission (StoreError): the ones before it
// stay stored, the failing one is not stored at all.
#pragma once

#include "engine/report_model.hpp"
#include "store/submission_store.hpp"

namespace lmacheck {

struct AcceptanceSummary {
    int added = 0;      // first version for their submitter and year
    int replaced = 0;   // a new current version; the earlier one kept
    int unchanged = 0;  // the same bytes were already the current version
    int rejected = 0;   // not stored
};

// Requires a run judged with the store (the engine keeps the documents then).
AcceptanceSummary store_accepted(SubmissionStore& store, const RunReport& run);

}  // namespace lmacheck
