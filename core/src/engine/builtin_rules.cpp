#include "engine/builtin_rules.hpp"

#include "document/document_messages.hpp"
#include "schema/structure_check.hpp"
#include "workbook/workbook_messages.hpp"

#include <iterator>
namespace lmacheck {

namespace {

std::vector<MessageTemplate> joined(std::vector<MessageTemplate> first, std::vector<MessageTemplate> second) {
    first.insert(first.end(), std::make_move_iterator(second.begin()), std::make_move_iterator(second.end()));
    return first;
}

}  // namespace

std::vector<RuleInfo> builtin_rules() {
    std::vector<RuleInfo> rules;
    rules.push_back(RuleInfo{
        builtin::document_unreadable, 0, Severity::error, std::nullopt,
        "The file can be read, is UTF-8, valid JSON, within the size and nesting limits",
        "Het bestand is leesbaar, UTF-8, geldige JSON en binnen de grenzen voor omvang en nesting", "",
        joined(unreadable_messages(), workbook::unreadable_messages())});
    rules.push_back(RuleInfo{builtin::duplicate_key, 0, Severity::error, std::nullopt,
                             "No object has the same key twice (a parser would silently keep one)",
                             "Geen object bevat dezelfde sleutel twee keer (een parser houdt er stil één over)", "",
                             duplicate_key_messages()});
    rules.push_back(RuleInfo{builtin::schema_structure, 0, Severity::error, std::nullopt,
                             "The document follows the JSON Schema of its kind and format version",
                             "Het document volgt het JSON Schema van zijn soort en formaatversie", "",
                             joined(structure_messages(), workbook::structure_messages())});
    rules.push_back(RuleInfo{builtin::rule_failed, 0, Severity::error, std::nullopt,
                             "A rule threw or failed; the other rules still ran",
                             "Een regel faalde; de andere regels zijn wel uitgevoerd", "",
                             {{"failed", "rule {rule} failed: {reason}", "regel {rule} faalde: {reason}"}}});
    rules.push_back(RuleInfo{builtin::explanation_unused, 1, Severity::info, std::nullopt,
                             "An explanation matches no finding of this run, while its rule ran",
                             "Een toelichting hoort bij geen enkele bevinding, terwijl de regel wel is uitgevoerd", "",
                             {{"unused", "explanation for {rule} at {path} matches no finding",
                               "toelichting voor {rule} bij {path} hoort bij geen enkele bevinding"}}});
    rules.push_back(RuleInfo{builtin::explanation_on_error, 1, Severity::info, std::nullopt,
                             "An explanation names an error, and errors cannot be explained",
                             "Een toelichting noemt een fout, en fouten kunnen niet worden toegelicht", "",
                             {{"on-error", "explanation for {rule} at {path} names an error; errors cannot be explained",
                               "toelichting voor {rule} bij {path} noemt een fout; fouten kunnen niet worden toegelicht"}}});
    // The same typo in a rule set stops the run; in a submission it would
    // leave the warning unexplained without a word, so it is said.
    rules.push_back(RuleInfo{builtin::explanation_unknown_rule, 1, Severity::warning, std::nullopt,
                             "An explanation names a rule that is loaded",
                             "Een toelichting noemt een regel die geladen is", "",
                             {{"unknown-rule", "explanation names the rule {rule}, which no loaded rule has",
                               "toelichting noemt de regel {rule}, die geen geladen regel heeft"},
                              {"unknown-rule-suggestion",
                               "explanation names the rule {rule}, which no loaded rule has; did you mean {suggestion}?",
                               "toelichting noemt de regel {rule}, die geen geladen regel heeft; bedoelt u {suggestion}?"}}});
    rules.push_back(RuleInfo{builtin::explanation_bad_path, 1, Severity::warning, std::nullopt,
                             "An explanation's path is a JSON Pointer (RFC 6901)",
                             "Het pad van een toelichting is een JSON Pointer (RFC 6901)", "",
                             {{"bad-path",
                               "explanation for {rule} has the path {path}, which is no JSON Pointer: \"\" for the whole "
                               "document, else /key/index..., with ~0 for ~ and ~1 for /",
                               "toelichting voor {rule} heeft het pad {path}, dat geen JSON Pointer is: \"\" voor het "
                               "hele document, anders /sleutel/index..., met ~0 voor ~ en ~1 voor /"}}});
    return rules;
}

}  // namespace lmacheck
