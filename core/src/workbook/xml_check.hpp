// Every part of a workbook, inflated and checked before liborcus reads it:
// its data must inflate to the size and CRC-32 the zip claims, and every
// part that holds XML must be well-formed (expat).
//
// Why: liborcus 0.17 trusts both. fuzz_workbook found a part whose deflate
// stream is damaged making orcus's XML parser step past the end of its
// buffer (`parser_base::has_char()`'s assertion fires inside
// orcus_xlsx::read_sheet and aborts the process; without assertions it is an
// out-of-bounds read). expat is a parser hardened by years of fuzzing; a part
// it refuses never reaches orcus, and the user learns which part is damaged,
// and where.
#pragma once

#include "workbook/container_check.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace lmacheck::workbook {

// A damaged part: a message id of document.unreadable and where, as the
// part's name ("workbook-damaged-part") or part:line:column
// ("workbook-bad-xml", "workbook-doctype": "xl/worksheets/sheet1.xml:3:7").
struct PartProblem {
    std::string message_id;
    std::string place;
};

// Checks each part of `container` (the result of check_container on
// `bytes`, whose limits bound what is inflated here). A part holds XML when
// it is named *.xml or *.rels, or its text starts with `<` after an optional
// byte order mark and white space: a relationship may give a sheet any name.
// A document type declaration counts as damage: no workbook format uses one,
// and it is how entity expansion attacks begin.
std::optional<PartProblem> check_parts(std::string_view bytes, const ContainerInfo& container);

}  // namespace lmacheck::workbook
