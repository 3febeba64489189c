// The audit trail's chain hash (docs/store.md, "The chain"). Each stored
// version of a submitter's year records
//
//   chain = SHA-256( "lmacheck-chain-1\n" + field(previous chain) + field(kind)
//                    + field(submitter_id) + field(reporting_year) + field(version)
//                    + field(file) + field(sha256) + field(ruleset)
//                    + field(SHA-256 of the report) + field(accepted_at)
//                    + field(submitted_at) )
//
// where field(x) is the decimal byte length of x, ':', x and '\n' (so no
// two different rows hash the same text), and the previous chain is that of
// version - 1 of the same submitter and year ("" for version 1). Changing,
// removing or reordering any stored version breaks the chain of every later
// one; `lmacheck verify` recomputes it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lmacheck {

struct ChainLink {
    std::string_view kind;
    std::string_view submitter_id;
    int reporting_year = 0;
    int version = 0;
    std::string_view file;
    std::string_view sha256;
    std::string_view ruleset;
    std::string_view report;
    std::string_view accepted_at;
    std::optional<std::string_view> submitted_at;  // "" in the hashed text when unknown
};

// The chain hash of `link` after the version whose chain is `previous_chain`.
std::string chain_hash(std::string_view previous_chain, const ChainLink& link);

}  // namespace lmacheck
