// The English and Dutch texts of the loader's findings, for the engine's rule
// definitions of document.unreadable and document.duplicate-key.
#pragma once

#include "lmacheck/rule.hpp"

#include <vector>

namespace lmacheck {

// Ids and placeholders (line, column, size and limit are JSON integers; a
// text placeholder X is English, X_nl the same in Dutch, see dutch_reasons.hpp):
//   cannot-read  {reason}                 the OS could not read the file
//   too-large    {size, limit}            bytes
//   not-utf8     {line, column, detail}   first byte that is not UTF-8
//   not-utf8-windows-1252 {line, column, detail}  the same, in a file that reads as
//                                         Windows-1252: says to save it as UTF-8
//   utf16        {encoding}               "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE"
//   parse-error  {line, column, reason}   not JSON (also: empty file, number overflow)
//   too-deep     {limit, line, column}    the bracket that goes one level too deep
//   trailing-content {line, column}       the first byte after the document that is not
//                                         whitespace (nlohmann stops at a NUL byte)
std::vector<MessageTemplate> unreadable_messages();

//   duplicate-key {key}                   path: the object; position: the repeated key
std::vector<MessageTemplate> duplicate_key_messages();

}  // namespace lmacheck
