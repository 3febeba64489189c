// libFuzzer target for one document through the whole engine: loader, schema
// check, every rule of the built plugins (the shipped rule sets, chosen by the
// document's reporting year), explanations, positions, and both report
// formats. Any bytes must give a report, never a crash, a hang or undefined
// behaviour; and the report must agree with itself (see check_consistent).
//
// The engine is built once, as the program builds it once per run: plugins
// loaded and schemas compiled before the first input.
#include "engine/engine.hpp"
#include "engine/pipeline.hpp"
#include "report/report_format.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

namespace {

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "fuzz_validate: %s\n", what);
    std::abort();
}

const lmacheck::Engine& engine() {
    static const std::unique_ptr<const lmacheck::Engine> instance = [] {
        lmacheck::EngineOptions options;
        options.data_dir = LMACHECK_SOURCE_DIR;
        options.plugin_dirs = {LMACHECK_PLUGIN_DIR};
        options.limits.max_bytes = 1u << 20;
        return std::make_unique<const lmacheck::Engine>(std::move(options));
    }();
    return *instance;
}

// Level-1 rules run only on a document without level-0 findings of the file
// itself (engine.rule-failed, also level 0, says a rule threw: a clear error,
// e.g. for sums of counts beyond 64 bits), and every finding is in the
// report's order.
void check_consistent(const lmacheck::SubmissionReport& report) {
    bool level0 = false, level1 = false;
    for (const lmacheck::Finding& f : report.findings) {
        if (f.rule == "engine.rule-failed") continue;
        (f.level == 0 ? level0 : level1) = true;
    }
    if (level0 && level1) fail("level-1 findings beside level-0 findings");
    for (std::size_t i = 1; i < report.findings.size(); ++i) {
        if (lmacheck::finding_order(report.findings[i], report.findings[i - 1])) fail("findings out of order");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    lmacheck::RunReport run;
    run.submissions.push_back(
        lmacheck::judge_bytes(engine(), std::string(reinterpret_cast<const char*>(data), size), "fuzz.json"));
    check_consistent(run.submissions.back());
    run.summary = lmacheck::summarize(run.submissions);
    const std::string json_report = lmacheck::render_json_report(run);
    if (!nlohmann::json::accept(json_report)) fail("the JSON report is not JSON");
    (void)lmacheck::render_text_report(run, lmacheck::RenderOptions{});
    return 0;
}
