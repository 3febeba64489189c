// What the template's comments say about each field, in English and Dutch:
// one sentence per field of both kinds (the schemas' descriptions are
// English only and describe types, not fields), and the sentences about
// types, lists and required fields that template_writer.cpp adds to them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lmacheck::workbook {

struct Bilingual {
    const char* en;
    const char* nl;
    const char* in(bool dutch) const { return dutch ? nl : en; }
};

// The explanation of the field `path` (dots for nesting) on `sheet`, or
// nothing when the catalog lacks it (a test checks that it lacks none of
// the schemas' fields).
std::optional<Bilingual> field_text(std::string_view sheet, std::string_view path);

// The fixed sentences of the template.
namespace template_text {
inline constexpr Bilingual field_header{
    "The field's name: its path in the section, with dots for nesting. Do not change it.",
    "De naam van het veld: het pad in de sectie, met punten tussen de niveaus. Wijzig deze niet."};
inline constexpr Bilingual value_header{
    "Enter each field's value in this column, as a number where a number belongs (not as text). The comment on the "
    "field name says what the field means. Leave the cell empty when a field that is not required does not apply.",
    "Vul in deze kolom de waarde van elk veld in, als getal waar een getal hoort (niet als tekst). De opmerking bij de "
    "veldnaam zegt wat het veld betekent. Laat de cel leeg als een niet-verplicht veld niet van toepassing is."};
inline constexpr Bilingual record_sheet{"One row per record, from row 2 on.",
                                        "Eén rij per record, vanaf rij 2."};
inline constexpr Bilingual required{"Required.", "Verplicht."};
inline constexpr Bilingual optional{"Not required: leave empty when it does not apply.",
                                    "Niet verplicht: laat leeg als het niet van toepassing is."};
inline constexpr Bilingual count{"A whole number, 0 or more.", "Een geheel getal, 0 of meer."};
inline constexpr Bilingual amount{"A number, 0 or more; decimals are allowed.",
                                  "Een getal, 0 of meer; decimalen zijn toegestaan."};
inline constexpr Bilingual percentage{"A percentage: a number from 0 to 100.",
                                      "Een percentage: een getal van 0 tot en met 100."};
inline constexpr Bilingual boolean{"TRUE or FALSE (in a Dutch spreadsheet: WAAR or ONWAAR).",
                                   "WAAR of ONWAAR (in een Engelstalig rekenblad: TRUE of FALSE)."};
inline constexpr Bilingual text{"Text.", "Tekst."};
inline constexpr Bilingual date_time{
    "A date and time (a date cell, read as UTC), or the text of an RFC 3339 date-time such as "
    "2020-03-27T14:12:05+01:00.",
    "Een datum en tijd (een datumcel, gelezen als UTC), of de tekst van een RFC 3339-tijdstip zoals "
    "2020-03-27T14:12:05+01:00."};
inline constexpr Bilingual choose_from_list{"Choose from the drop-down list:", "Kies uit de keuzelijst:"};
inline constexpr Bilingual municipality_list{"Choose a CBS municipality code of {year} from the drop-down list.",
                                             "Kies een CBS-gemeentecode van {year} uit de keuzelijst."};
inline constexpr Bilingual filled_in{"Filled in by the template; do not change it.",
                                     "Ingevuld door het sjabloon; wijzig dit niet."};
}  // namespace template_text

}  // namespace lmacheck::workbook
