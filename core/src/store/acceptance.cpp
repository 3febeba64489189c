#include "store/acceptance.hpp"

#include "document/document.hpp"
#include "report/report_format.hpp"
#include "store/store_error.hpp"

#include <spdlog/spdlog.h>

namespace lmacheck {
namespace {

// The file's original bytes: the loader keeps the text after a UTF-8 BOM, and
// the SHA-256 is over the bytes with it, so put a BOM back when the hash says
// there was one. Anything else means the bytes are not the ones judged.
std::string original_bytes(const Document& document, const std::string& sha256) {
    if (sha256_hex(document.text) == sha256) return document.text;
    std::string with_bom = "\xEF\xBB\xBF" + document.text;
    if (sha256_hex(with_bom) == sha256) return with_bom;
    throw StoreError("refusing to store " + document.name + ": its bytes do not match the SHA-256 it was judged by");
}

// The JSON report of one submission, as `validate --format json` would
// print it for that file alone (minus anything about other files).
std::string own_report(const SubmissionReport& submission) {
    RunReport single;
    single.submissions.push_back(submission);
    single.summary = summarize(single.submissions);
    return render_json_report(single);
}

}  // namespace

AcceptanceSummary store_accepted(SubmissionStore& store, const RunReport& run) {
    AcceptanceSummary summary;
    for (const SubmissionReport& s : run.submissions) {
        const bool complete = s.document && s.sha256 && s.kind && parse_kind(*s.kind) && s.submitter_id &&
                              s.reporting_year;
        if (!s.accepted() || !complete) {
            ++summary.rejected;
            continue;
        }
        const std::string bytes = original_bytes(*s.document, *s.sha256);
        const AcceptResult result = store.accept(AcceptCandidate{*parse_kind(*s.kind), *s.submitter_id,
                                                                 *s.reporting_year, s.file, *s.sha256, bytes,
                                                                 s.ruleset, own_report(s)});
        switch (result.outcome) {
            case AcceptOutcome::added: ++summary.added; break;
            case AcceptOutcome::replaced: ++summary.replaced; break;
            case AcceptOutcome::unchanged: ++summary.unchanged; break;
        }
        spdlog::info("{}: {} {} {} version {}", s.file,
                     result.outcome == AcceptOutcome::unchanged ? "already stored as" : "stored as", *s.submitter_id,
                     *s.reporting_year, result.version);
    }
    return summary;
}

}  // namespace lmacheck
