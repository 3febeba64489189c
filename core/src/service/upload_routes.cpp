// POST /api/v1/validate and POST /api/v1/submissions: the uploaded files are
// judged by the same pipeline as `lmacheck validate` (judge_run) and
// `lmacheck accept` (accept_year_by_year), and the report rendered by the
// same renderers.
#include "document/document.hpp"
#include "engine/pipeline.hpp"
#include "report/report_format.hpp"
#include "service/service_state.hpp"
#include "service/uploads.hpp"
#include "workbook/submission_file.hpp"
#include "acceptance/acceptance.hpp"

#include <spdlog/spdlog.h>

namespace lmacheck::service {
namespace {

struct ReportChoice {
    Language language = Language::en;
    ReportFormat format = ReportFormat::json;
};

std::optional<ReportChoice> report_choice(const httplib::Request& req, httplib::Response& res) {
    ReportChoice choice;
    const std::string lang = req.has_param("lang") ? req.get_param_value("lang") : "en";
    if (lang != "en" && lang != "nl") {
        error_answer_and_close(res, 400, "bad_parameter", "lang must be en or nl");
        return std::nullopt;
    }
    choice.language = lang == "nl" ? Language::nl : Language::en;
    const std::string format = req.has_param("format") ? req.get_param_value("format") : "json";
    const std::optional<ReportFormat> parsed = parse_report_format(format);
    if (!parsed) {
        error_answer_and_close(res, 400, "bad_parameter", "format must be one of text, json, junit, sarif, html, markdown");
        return std::nullopt;
    }
    choice.format = *parsed;
    return choice;
}

const char* content_type(ReportFormat format) {
    switch (format) {
        case ReportFormat::json: return "application/json";
        case ReportFormat::sarif: return "application/sarif+json";
        case ReportFormat::junit: return "application/xml";
        case ReportFormat::html: return "text/html; charset=utf-8";
        case ReportFormat::markdown: return "text/markdown; charset=utf-8";
        case ReportFormat::text: break;
    }
    return "text/plain; charset=utf-8";
}

// Reads the files; on failure answers (and closes) and returns nullopt.
std::optional<std::vector<InputFile>> read_inputs(ServiceContext& context, const httplib::Request& req,
                                                  httplib::Response& res, const httplib::ContentReader& reader) {
    const UploadLimits limits{context.options.max_upload_bytes, context.options.max_files,
                              context.options.request_timeout};
    UploadRead read = read_uploads(req, reader, limits, current_request().started);
    switch (read.failure) {
        case UploadFailure::none: break;
        case UploadFailure::too_large:
            error_answer_and_close(res, 413, "payload_too_large",
                                   "the body is larger than " + std::to_string(limits.max_bytes >> 20) +
                                       " MiB (--max-upload-mib)");
            return std::nullopt;
        case UploadFailure::too_many_files:
            error_answer_and_close(res, 413, "too_many_files",
                                   "more than " + std::to_string(limits.max_files) + " files in one request");
            return std::nullopt;
        case UploadFailure::timed_out:
            error_answer_and_close(res, 408, "request_timeout",
                                   "the upload did not arrive within " + std::to_string(limits.timeout.count()) + " s");
            return std::nullopt;
        case UploadFailure::malformed:
            error_answer_and_close(res, 400, "bad_request",
                                   "the body could not be read (malformed multipart or chunked body, or no file)");
            return std::nullopt;
    }
    std::vector<InputFile> inputs;
    for (Upload& u : read.files) {
        InputFile input;
        input.display_name = std::move(u.name);
        input.bytes = std::make_shared<const std::string>(std::move(u.bytes));
        inputs.push_back(std::move(input));
    }
    return inputs;
}

void report_answer(const Engine& engine, const RunReport& run, ReportFormat format, int status, httplib::Response& res) {
    RenderOptions render;
    render.language = engine.language();
    render.catalog = &engine.catalog();
    res.status = status;
    res.set_content(render_report(run, format, render), content_type(format));
}

// The submitter a file says it is from, when the file is readable enough to
// say; nullopt otherwise (the engine then rejects it).
std::optional<std::string> claimed_submitter(const InputFile& input, const LoadLimits& limits) {
    const Document document = parse_submission(*input.bytes, input.display_name, limits);
    if (!document.json || !document.json->is_object()) return std::nullopt;
    const nlohmann::json& json = *document.json;
    const auto kind = json.find("kind");
    const auto submitter = json.find("submitter");
    if (kind == json.end() || !kind->is_string() || submitter == json.end() || !submitter->is_object()) {
        return std::nullopt;
    }
    const std::optional<Kind> parsed = parse_kind(kind->get<std::string>());
    if (!parsed) return std::nullopt;
    const auto id = submitter->find(*parsed == Kind::institution ? "agb_code" : "municipality_code");
    if (id == submitter->end() || !id->is_string()) return std::nullopt;
    return id->get<std::string>();
}

void record_attempts(ServiceContext& context, const AcceptanceRun& accepted, const Provenance& provenance) {
    for (const SubmissionReport& s : accepted.run.submissions) {
        const std::optional<Kind> kind = s.kind ? parse_kind(*s.kind) : std::nullopt;
        if (!kind || !s.submitter_id || !s.reporting_year || !s.sha256) continue;  // nobody to record it for
        UploadAttempt attempt;
        attempt.kind = *kind;
        attempt.submitter_id = *s.submitter_id;
        attempt.reporting_year = *s.reporting_year;
        attempt.file = s.file;
        attempt.sha256 = *s.sha256;
        attempt.accepted = s.accepted();
        attempt.errors = s.counts.error;
        attempt.warnings = s.counts.warning;
        attempt.provenance = provenance;
        context.ledger->record(attempt);
    }
}

void validate(ServiceContext& context, const httplib::Request& req, httplib::Response& res,
              const httplib::ContentReader& reader) {
    const std::optional<ReportChoice> choice = report_choice(req, res);
    if (!choice) return;
    const std::optional<std::vector<InputFile>> inputs = read_inputs(context, req, res, reader);
    if (!inputs) return;
    const Engine& engine = context.engine(choice->language);
    const RunReport run = judge_run(engine, *inputs, 1);
    report_answer(engine, run, choice->format, 200, res);
}

void accept(ServiceContext& context, const httplib::Request& req, httplib::Response& res,
            const httplib::ContentReader& reader) {
    const TokenEntry& caller = *current_request().caller;  // pre-routing let no request without one through
    const std::optional<ReportChoice> choice = report_choice(req, res);
    if (!choice) return;
    const std::optional<std::vector<InputFile>> inputs = read_inputs(context, req, res, reader);
    if (!inputs) return;
    if (caller.role == Role::submitter) {
        for (const InputFile& input : *inputs) {
            const std::optional<std::string> claimed = claimed_submitter(input, context.options.engine.limits);
            if (claimed && claimed != caller.submitter) {
                error_answer(res, 403, "forbidden",
                             "the token '" + caller.name + "' may hand in submissions of " + *caller.submitter +
                                 " only; " + input.display_name + " is one of " + *claimed);
                return;
            }
        }
    }
    const Engine& engine = context.engine(choice->language);
    const Provenance provenance{caller.name, std::string(to_string(caller.role)), req.remote_addr};
    std::optional<AcceptanceRun> accepted;
    {
        const std::lock_guard lock(context.accept_mutex);
        accepted = accept_year_by_year(engine, *context.store, *inputs, 1, {}, provenance);
        if (!accepted->store_error) record_attempts(context, *accepted, provenance);
    }
    if (accepted->store_error) {
        spdlog::error("{}", *accepted->store_error);
        error_answer(res, 503, "store_failed",
                     "the store could not take the submission(s); the ones before the failure are stored, "
                     "send the request again to complete it");
        return;
    }
    const AcceptanceSummary& summary = accepted->summary;
    spdlog::info("stored {} new and {} replacing submission(s) for '{}'; {} unchanged, {} rejected", summary.added,
                 summary.replaced, caller.name, summary.unchanged, summary.rejected);
    report_answer(engine, accepted->run, choice->format, accepted->run.summary.rejected > 0 ? 422 : 201, res);
}

}  // namespace

void add_upload_routes(httplib::Server& server, ServiceContext& context) {
    server.Post("/api/v1/validate", [&context](const httplib::Request& req, httplib::Response& res,
                                               const httplib::ContentReader& reader) {
        validate(context, req, res, reader);
    });
    server.Post("/api/v1/submissions", [&context](const httplib::Request& req, httplib::Response& res,
                                                  const httplib::ContentReader& reader) {
        accept(context, req, res, reader);
    });
}

}  // namespace lmacheck::service
