#include "store/version_chain.hpp"

#include "document/document.hpp"

namespace lmacheck {
namespace {

void field(std::string& out, std::string_view value) {
    out += std::to_string(value.size());
    out += ':';
    out += value;
    out += '\n';
}

}  // namespace

std::string chain_hash(std::string_view previous_chain, const ChainLink& link) {
    std::string text = "lmacheck-chain-1\n";
    field(text, previous_chain);
    field(text, link.kind);
    field(text, link.submitter_id);
    field(text, std::to_string(link.reporting_year));
    field(text, std::to_string(link.version));
    field(text, link.file);
    field(text, link.sha256);
    field(text, link.ruleset);
    field(text, sha256_hex(link.report));
    field(text, link.accepted_at);
    field(text, link.submitted_at.value_or(std::string_view()));
    return sha256_hex(text);
}

}  // namespace lmacheck
