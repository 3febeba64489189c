// libFuzzer target for the level-3 phase: several documents judged as one
// run, with the rules that compare the files of a run with each other and
// with the store's submissions of the same year (engine/run_phase.hpp).
// Any documents must give a report, never a crash, a hang or undefined
// behaviour; and the report must agree with itself (see check_consistent).
//
// An input is up to eight documents separated by the byte 0x1E (ASCII
// record separator, which JSON text never needs; scripts/fuzz.sh seeds the
// corpus with pairs of samples). The first byte picks the engine: even
// without a store, odd with a store that already holds every valid sample.
#include "engine/pipeline.hpp"
#include "engine/engine.hpp"
#include "fuzz_support.hpp"
#include "report/report_format.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace fs = std::filesystem;

const fs::path source_dir = LMACHECK_SOURCE_DIR;
constexpr char separator = '\x1e';
constexpr std::size_t max_documents = 8;

[[noreturn]] void fail(const char* what, const std::string& detail = {}) {
    lmacheck::fuzz::fail("fuzz_cross", what, detail);
}

// A store holding every valid sample, made once when the fuzzer starts.
std::shared_ptr<const lmacheck::AcceptedSubmissions> sample_store() {
    const fs::path file = lmacheck::fuzz::make_scratch_dir("fuzz_cross") / "lma.db";
    {
        const auto store = lmacheck::SubmissionStore::open(file, lmacheck::SubmissionStore::Access::read_write);
        for (const auto& entry : fs::directory_iterator(source_dir / "samples" / "valid")) {
            const std::string bytes = lmacheck::fuzz::read_file(entry.path());
            store->accept(lmacheck::fuzz::candidate_of(entry.path().filename().string(), bytes));
        }
    }
    return lmacheck::SubmissionStore::open(file, lmacheck::SubmissionStore::Access::read_only);
}

std::unique_ptr<const lmacheck::Engine> make_engine(std::shared_ptr<const lmacheck::AcceptedSubmissions> store) {
    lmacheck::EngineOptions options;
    options.data_dir = source_dir;
    options.plugin_dirs = {LMACHECK_PLUGIN_DIR};
    options.limits.max_bytes = 1u << 20;
    options.store = std::move(store);
    return std::make_unique<const lmacheck::Engine>(std::move(options));
}

const lmacheck::Engine& engine(bool with_store) {
    static const std::unique_ptr<const lmacheck::Engine> without = make_engine(nullptr);
    static const std::unique_ptr<const lmacheck::Engine> with = make_engine(sample_store());
    return with_store ? *with : *without;
}

std::vector<std::string_view> split(std::string_view input) {
    std::vector<std::string_view> documents;
    while (documents.size() + 1 < max_documents) {
        const std::size_t end = input.find(separator);
        if (end == std::string_view::npos) break;
        documents.push_back(input.substr(0, end));
        input.remove_prefix(end + 1);
    }
    documents.push_back(input);
    return documents;
}

bool same_counts(const lmacheck::FindingCounts& a, const lmacheck::FindingCounts& b) {
    return a.error == b.error && a.warning == b.warning && a.info == b.info && a.explained == b.explained;
}

// After the pass: each submission's findings in the report's order and its
// counts those of its findings; the summary that of the submissions; and
// the JSON report is JSON.
void check_consistent(const lmacheck::RunReport& run) {
    for (const lmacheck::SubmissionReport& s : run.submissions) {
        for (std::size_t i = 1; i < s.findings.size(); ++i) {
            if (lmacheck::finding_order(s.findings[i], s.findings[i - 1])) fail("findings out of order", s.file);
        }
        if (!same_counts(s.counts, lmacheck::count_findings(s.findings))) fail("counts not recomputed", s.file);
    }
    const lmacheck::RunSummary expected = lmacheck::summarize(run.submissions);
    if (run.summary.submissions != expected.submissions || run.summary.accepted != expected.accepted ||
        run.summary.rejected != expected.rejected || run.summary.errors != expected.errors ||
        run.summary.warnings != expected.warnings || run.summary.explained != expected.explained) {
        fail("summary not recomputed");
    }
    if (!nlohmann::json::accept(lmacheck::render_json_report(run))) fail("the JSON report is not JSON");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const lmacheck::Engine& chosen = engine((data[0] & 1u) != 0);
    std::vector<lmacheck::InputFile> inputs;
    for (std::string_view document :
         split(std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1))) {
        const std::string name = "fuzz-" + std::to_string(inputs.size()) + ".json";
        inputs.push_back(lmacheck::InputFile{name, name, ""});
        inputs.back().bytes = std::make_shared<const std::string>(document);
    }
    check_consistent(lmacheck::judge_run(chosen, inputs, 1));
    return 0;
}
