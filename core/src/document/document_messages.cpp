#include "document/document_messages.hpp"

namespace lmacheck {

std::vector<MessageTemplate> unreadable_messages() {
    return {
        {"cannot-read", "cannot read the file: {reason}", "kan het bestand niet lezen: {reason_nl}"},
        {"too-large", "the file is {size} bytes, more than the limit of {limit} bytes",
         "het bestand is {size} bytes, groter dan de limiet van {limit} bytes"},
        {"too-large-read",
         "more than the limit of {limit} bytes were read from the file (its size was not known in advance, or it grew "
         "while it was read)",
         "er is meer dan de limiet van {limit} bytes uit het bestand gelezen (de grootte was vooraf niet bekend, of het "
         "bestand groeide tijdens het lezen)"},
        {"not-utf8", "the file is not valid UTF-8 at line {line}, column {column}: {detail}",
         "het bestand is geen geldige UTF-8 op regel {line}, kolom {column}: {detail_nl}"},
        {"not-utf8-windows-1252",
         "the file is not valid UTF-8 at line {line}, column {column}: {detail}; this file looks like Windows-1252 "
         "(Latin-1): save it as UTF-8",
         "het bestand is geen geldige UTF-8 op regel {line}, kolom {column}: {detail_nl}; dit bestand lijkt "
         "Windows-1252 (Latin-1) te zijn; sla het op als UTF-8"},
        {"utf16", "the file is {encoding}, expected UTF-8", "het bestand is in {encoding}, verwacht werd UTF-8"},
        {"parse-error", "invalid JSON at line {line}, column {column}: {reason}",
         "ongeldige JSON: {reason_nl} op regel {line}, kolom {column}"},
        {"too-deep", "the JSON is nested more than {limit} levels deep at line {line}, column {column}",
         "de JSON is meer dan {limit} niveaus diep genest op regel {line}, kolom {column}"},
        {"trailing-content", "unexpected content after the document at line {line}, column {column}",
         "onverwachte inhoud na het document op regel {line}, kolom {column}"},
    };
}

std::vector<MessageTemplate> duplicate_key_messages() {
    return {
        {"duplicate-key", "the key \"{key}\" occurs more than once in this object; the last value is used",
         "de sleutel \"{key}\" komt meer dan eens voor in dit object; de laatste waarde wordt gebruikt"},
    };
}

}  // namespace lmacheck
