#include "workbook/template_texts.hpp"

#include <map>
#include <string>

namespace lmacheck::workbook {
namespace {

using Catalog = std::map<std::string, Bilingual, std::less<>>;

// Keyed by "sheet:path". The fields of both kinds (schemas/*-1.0.schema.json).
const Catalog& catalog() {
    static const Catalog texts{
        // The envelope (sheet `submission`).
        {"submission:format", {"The format of the document: always lma-submission.",
                               "Het formaat van het document: altijd lma-submission."}},
        {"submission:format_version", {"The version of the submission format: 1.0.",
                                       "De versie van het aanleverformaat: 1.0."}},
        {"submission:kind", {"The kind of submission: institution or municipality.",
                             "De soort inzending: institution (instelling) of municipality (gemeente)."}},
        {"submission:reporting_year", {"The reporting year the figures are about.",
                                       "Het verslagjaar waarover de cijfers gaan."}},
        {"submission:submitted_at", {"When the submission was made.", "Wanneer de inzending is gedaan."}},
        {"submission:submitter.agb_code",
         {"The institution's AGB code (Vektis): exactly 8 digits, leading zeros included.",
          "De AGB-code van de instelling (Vektis): precies 8 cijfers, voorloopnullen meegerekend."}},
        {"submission:submitter.name", {"The official name of the submitter.", "De officiële naam van de inzender."}},
        {"submission:submitter.ggz_nederland_member",
         {"Whether the institution is a member of GGZ Nederland.",
          "Of de instelling lid is van GGZ Nederland."}},
        {"submission:submitter.municipality_code",
         {"The municipality's CBS code (GM and 4 digits).", "De CBS-code van de gemeente (GM en 4 cijfers)."}},
        {"submission:submitter.central_municipality",
         {"Whether the municipality is the central municipality (centrumgemeente) of its sheltered-housing region.",
          "Of de gemeente de centrumgemeente is van haar regio beschermd wonen en maatschappelijke opvang."}},
        {"submission:submitter.region",
         {"The sheltered-housing region the municipality belongs to, named after its central municipality.",
          "De regio beschermd wonen waartoe de gemeente behoort, genoemd naar de centrumgemeente."}},
        // Institutions: locations and capacity.
        {"locations:location_id",
         {"Your own id of the location: 1 to 32 letters, digits, '_' or '-'. Capacity rows refer to it.",
          "Uw eigen code van de locatie: 1 tot 32 letters, cijfers, '_' of '-'. De capaciteitsrijen verwijzen ernaar."}},
        {"locations:name", {"The name of the location.", "De naam van de locatie."}},
        {"locations:municipality_code", {"The municipality the location lies in.", "De gemeente waarin de locatie ligt."}},
        {"locations:province", {"The province the location lies in.", "De provincie waarin de locatie ligt."}},
        {"capacity:location_id",
         {"The location_id of one of the locations on the sheet locations.",
          "De location_id van een van de locaties op het werkblad locations."}},
        {"capacity:financing", {"The financing stream of this capacity.", "De financieringsstroom van deze capaciteit."}},
        {"capacity:beds_year_end", {"Beds at this location in this financing stream on 31 December.",
                                    "Bedden op deze locatie in deze financieringsstroom op 31 december."}},
        {"capacity:bed_days", {"Bed days (nights of stay) in the reporting year.",
                               "Verpleegdagen (bezette nachten) in het verslagjaar."}},
        {"capacity:places", {"Places: bed days divided by the days of the year (365, or 366 in a leap year).",
                             "Plaatsen: verpleegdagen gedeeld door het aantal dagen van het jaar (365, of 366 in een "
                             "schrikkeljaar)."}},
        {"capacity:clients", {"Clients who stayed here in the reporting year.",
                              "Cliënten die hier in het verslagjaar verbleven."}},
        {"capacity_totals:financing",
         {"The financing stream of this total; one row per stream that occurs on the sheet capacity.",
          "De financieringsstroom van dit totaal; één rij per stroom die op het werkblad capacity voorkomt."}},
        {"capacity_totals:beds_year_end", {"Total beds in this financing stream on 31 December.",
                                           "Totaal aantal bedden in deze financieringsstroom op 31 december."}},
        {"capacity_totals:bed_days", {"Total bed days in this financing stream.",
                                      "Totaal aantal verpleegdagen in deze financieringsstroom."}},
        {"capacity_totals:places", {"Total places in this financing stream.",
                                    "Totaal aantal plaatsen in deze financieringsstroom."}},
        {"capacity_totals:clients", {"Total clients in this financing stream.",
                                     "Totaal aantal cliënten in deze financieringsstroom."}},
        // Institutions: ambulant care, FACT, clients, clinical quality.
        {"ambulatory:dbc_trajectories.subtotals.min_0_1799",
         {"Closed DBC trajectories with less than 1,800 minutes of care (light).",
          "Gesloten DBC-trajecten met minder dan 1.800 minuten zorg (licht)."}},
        {"ambulatory:dbc_trajectories.subtotals.min_1800_5999",
         {"Closed DBC trajectories with 1,800 to 5,999 minutes of care (middle).",
          "Gesloten DBC-trajecten met 1.800 tot en met 5.999 minuten zorg (middel)."}},
        {"ambulatory:dbc_trajectories.subtotals.min_6000_plus",
         {"Closed DBC trajectories with 6,000 minutes of care or more (most intensive).",
          "Gesloten DBC-trajecten met 6.000 minuten zorg of meer (meest intensief)."}},
        {"ambulatory:dbc_trajectories.total", {"All DBC trajectories closed in the reporting year.",
                                               "Alle DBC-trajecten die in het verslagjaar zijn gesloten."}},
        {"ambulatory:basis_ggz_trajectories", {"Trajectories of basic mental-health care (basis-ggz, from 2014 on).",
                                               "Trajecten generalistische basis-ggz (vanaf 2014)."}},
        {"ambulatory:specialised_clients", {"Clients in specialised ambulant mental-health care.",
                                            "Cliënten in de gespecialiseerde ambulante ggz."}},
        {"fact:teams", {"FACT teams of the institution.", "FACT-teams van de instelling."}},
        {"fact:certified_teams", {"FACT teams certified by the CCAF.", "FACT-teams die door het CCAF zijn gecertificeerd."}},
        {"fact:fte", {"Staff of the FACT teams in full-time equivalents.", "Personeel van de FACT-teams in fte."}},
        {"fact:clients", {"Clients treated by the FACT teams.", "Cliënten die door de FACT-teams zijn behandeld."}},
        {"clients:total", {"Unique clients in the reporting year: ambulatory only plus clinical.",
                           "Unieke cliënten in het verslagjaar: alleen ambulant plus klinisch."}},
        {"clients:ambulatory_only", {"Clients who received ambulant care only.",
                                     "Cliënten die alleen ambulante zorg kregen."}},
        {"clients:clinical", {"Clients who stayed in a clinic at least once.",
                              "Cliënten die minstens één keer in een kliniek verbleven."}},
        {"clients:epa", {"Clients with a severe mental illness (EPA).",
                         "Cliënten met een ernstige psychiatrische aandoening (EPA)."}},
        {"clinical_quality:avg_length_of_stay_days", {"The average length of a clinical stay, in days.",
                                                      "De gemiddelde duur van een klinische opname, in dagen."}},
        {"clinical_quality:closed_ward_share_pct", {"The share of clinical places on closed wards.",
                                                    "Het aandeel klinische plaatsen op gesloten afdelingen."}},
        {"clinical_quality:intensive_care_share_pct", {"The share of clinical places in intensive care.",
                                                       "Het aandeel klinische plaatsen met intensieve zorg."}},
        {"clinical_quality:coercive_measures", {"Coercive measures applied in the reporting year.",
                                                "Toegepaste dwangmaatregelen in het verslagjaar."}},
        // Municipalities.
        {"sheltered_housing:places", {"Places of sheltered housing (beschermd wonen) the municipality commissions.",
                                      "Plaatsen beschermd wonen die de gemeente inkoopt."}},
        {"sheltered_housing:clients", {"Clients in sheltered housing.", "Cliënten in beschermd wonen."}},
        {"sheltered_housing:budget_eur", {"The budget for sheltered housing, in euros.",
                                          "Het budget voor beschermd wonen, in euro."}},
        {"sheltered_housing:waiting_list", {"People on the waiting list for sheltered housing on 31 December.",
                                            "Personen op de wachtlijst voor beschermd wonen op 31 december."}},
        {"ambulatory_support:individual_guidance_clients", {"Clients with individual guidance (Wmo).",
                                                            "Cliënten met individuele begeleiding (Wmo)."}},
        {"ambulatory_support:group_guidance_clients", {"Clients with group guidance (Wmo).",
                                                       "Cliënten met groepsbegeleiding (Wmo)."}},
        {"ambulatory_support:day_activity_locations", {"Locations for day activities.",
                                                       "Locaties voor dagbesteding."}},
        {"policy:policy_plan", {"The status of the policy plan: adopted, in_preparation or none_planned.",
                                "De stand van het beleidsplan: adopted (vastgesteld), in_preparation (in voorbereiding) "
                                "of none_planned (niet gepland)."}},
        {"policy:regional_steering_group", {"The status of the regional steering group: exists, planned or none.",
                                            "De stand van de regionale stuurgroep: exists (bestaat), planned (gepland) "
                                            "of none (geen)."}},
        {"policy:buildup_plans", {"Whether there are build-up plans (opbouwplannen) for ambulant care.",
                                  "Of er opbouwplannen zijn voor ambulante zorg."}},
        {"policy:phasedown_plans", {"Whether there are phase-down plans (afbouwplannen) for intramural beds.",
                                    "Of er afbouwplannen zijn voor intramurale bedden."}},
        // Both: explanations of warnings.
        {"explanations:rule", {"The id of the rule whose warning you explain, such as capacity.occupancy.",
                               "De code van de regel waarvan u de waarschuwing toelicht, zoals capacity.occupancy."}},
        {"explanations:path", {"Where the warning points: its JSON Pointer, such as /capacity/1/bed_days.",
                               "Waar de waarschuwing naar wijst: de JSON Pointer, zoals /capacity/1/bed_days."}},
        {"explanations:text", {"Your explanation: at least 10 characters.", "Uw toelichting: minstens 10 tekens."}},
    };
    return texts;
}

// The fine DBC minute categories: min_0_249 ... min_28000_plus.
struct MinuteCategory {
    std::string en;
    std::string nl;
};

std::string with_thousands(const std::string& digits, char separator) {
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += separator;
        out += digits[i];
    }
    return out;
}

std::optional<MinuteCategory> minute_category(std::string_view path) {
    constexpr std::string_view prefix = "dbc_trajectories.minute_categories.min_";
    if (!path.starts_with(prefix)) return std::nullopt;
    const std::string_view rest = path.substr(prefix.size());
    const std::size_t underscore = rest.find('_');
    if (underscore == std::string_view::npos) return std::nullopt;
    const std::string from(rest.substr(0, underscore));
    const std::string to(rest.substr(underscore + 1));
    if (to == "plus") {
        return MinuteCategory{"Closed DBC trajectories with " + with_thousands(from, ',') + " minutes of care or more.",
                              "Gesloten DBC-trajecten met " + with_thousands(from, '.') + " minuten zorg of meer."};
    }
    return MinuteCategory{"Closed DBC trajectories with " + with_thousands(from, ',') + " to " + with_thousands(to, ',') +
                              " minutes of care.",
                          "Gesloten DBC-trajecten met " + with_thousands(from, '.') + " tot en met " +
                              with_thousands(to, '.') + " minuten zorg."};
}

}  // namespace

std::optional<Bilingual> field_text(std::string_view sheet, std::string_view path) {
    std::string key(sheet);
    key += ':';
    key += path;
    if (const auto it = catalog().find(key); it != catalog().end()) return it->second;
    if (sheet == "ambulatory") {
        // The nine fine categories follow one pattern; their texts live as
        // long as the program (the catalog's texts are literals).
        static std::map<std::string, MinuteCategory, std::less<>> made;
        static const bool filled = [] {
            for (const char* name : {"min_0_249", "min_250_799", "min_800_1799", "min_1800_2999", "min_3000_5999",
                                     "min_6000_11999", "min_12000_17999", "min_18000_27999", "min_28000_plus"}) {
                const std::string field = std::string("dbc_trajectories.minute_categories.") + name;
                made.emplace(field, *minute_category(field));
            }
            return true;
        }();
        (void)filled;
        if (const auto it = made.find(path); it != made.end()) return Bilingual{it->second.en.c_str(), it->second.nl.c_str()};
    }
    return std::nullopt;
}

}  // namespace lmacheck::workbook
