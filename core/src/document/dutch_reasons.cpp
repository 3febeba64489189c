#include "document/dutch_reasons.hpp"

#include <array>
#include <utility>

namespace lmacheck {
namespace {

using Phrase = std::pair<std::string_view, std::string_view>;

// Tried in this order at each position, so a longer phrase comes before a
// shorter one that starts it ("... while parsing object key" before
// "... while parsing object"). Sources: nlohmann's parser (syntax_error
// contexts and token names) and lexer (error messages), its number overflow,
// document.cpp, text_encoding.cpp, and file_bytes.cpp with the operating
// system's most common reasons (others stay in English).
constexpr std::array phrases{
    Phrase{"syntax error while parsing object separator", "syntaxfout bij de dubbele punt van een object"},
    Phrase{"syntax error while parsing object key", "syntaxfout in een sleutel van een object"},
    Phrase{"syntax error while parsing object", "syntaxfout in een object"},
    Phrase{"syntax error while parsing array", "syntaxfout in een array"},
    Phrase{"syntax error while parsing value", "syntaxfout in een waarde"},
    Phrase{"syntax error", "syntaxfout"},
    Phrase{"unexpected end of input", "onverwacht einde van het bestand"},
    Phrase{"unexpected continuation byte", "onverwachte vervolgbyte"},
    Phrase{"unexpected", "onverwacht"},
    Phrase{"; expected", "; verwacht werd"},
    Phrase{"'[', '{', or a literal", "'[', '{' of een waarde"},
    Phrase{"end of input", "einde van het bestand"},
    Phrase{"number literal", "getal"},
    Phrase{"string literal", "tekst"},
    Phrase{"true literal", "true"},
    Phrase{"false literal", "false"},
    Phrase{"null literal", "null"},
    Phrase{"unknown token", "onbekend teken"},
    Phrase{"<parse error>", "<leesfout>"},
    Phrase{"<uninitialized>", "<niets>"},
    Phrase{"invalid literal", "ongeldige waarde"},
    Phrase{"invalid string: missing closing quote", "ongeldige tekst: het afsluitende aanhalingsteken ontbreekt"},
    Phrase{"invalid string: control character", "ongeldige tekst: stuurteken"},
    Phrase{"must be escaped to", "moet geschreven worden als"},
    Phrase{"invalid string: forbidden character after backslash", "ongeldige tekst: verboden teken na een backslash"},
    Phrase{"invalid string: '\\u' must be followed by 4 hex digits",
           "ongeldige tekst: na '\\u' moeten 4 hexadecimale cijfers volgen"},
    Phrase{"invalid string: surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF",
           "ongeldige tekst: na surrogaat U+D800..U+DBFF moet U+DC00..U+DFFF volgen"},
    Phrase{"invalid string: surrogate U+DC00..U+DFFF must follow U+D800..U+DBFF",
           "ongeldige tekst: surrogaat U+DC00..U+DFFF moet volgen op U+D800..U+DBFF"},
    Phrase{"invalid string: ill-formed UTF-8 byte", "ongeldige tekst: ongeldige UTF-8-byte"},
    Phrase{"invalid number; expected digit after exponent sign",
           "ongeldig getal; verwacht werd een cijfer na het teken van de exponent"},
    Phrase{"invalid number; expected '+', '-', or digit after exponent",
           "ongeldig getal; verwacht werd '+', '-' of een cijfer na de exponent"},
    Phrase{"invalid number; expected digit after", "ongeldig getal; verwacht werd een cijfer na"},
    Phrase{"invalid BOM; must be 0xEF 0xBB 0xBF if given", "ongeldige BOM; die moet 0xEF 0xBB 0xBF zijn"},
    Phrase{"number overflow parsing", "getal buiten bereik:"},
    Phrase{"the file is empty", "het bestand is leeg"},
    Phrase{"the JSON parser stopped", "de JSON-parser is gestopt"},
    Phrase{"a second byte-order mark (U+FEFF) at the start of the file; only one is allowed",
           "een tweede byte-order mark (U+FEFF) aan het begin van het bestand; er mag er maar één zijn"},
    Phrase{"No such file or directory", "het bestand of de map bestaat niet"},
    Phrase{"Permission denied", "geen toegang"},
    Phrase{"Is a directory", "het is een map"},
    Phrase{"not a regular file", "geen gewoon bestand"},
    Phrase{"(a FIFO or pipe)", "(een FIFO of pipe)"},
    Phrase{"(a character device)", "(een tekenapparaat)"},
    Phrase{"(a block device)", "(een blokapparaat)"},
    Phrase{"(a socket)", "(een socket)"},
    Phrase{"overlong encoding", "te lange codering"},
    Phrase{"UTF-16 surrogate code point", "UTF-16-surrogaat"},
    Phrase{"code point beyond U+10FFFF", "codepunt voorbij U+10FFFF"},
    Phrase{"never occurs in UTF-8", "komt in UTF-8 nooit voor"},
    Phrase{"incomplete multi-byte sequence starting with byte", "onvolledige reeks van meerdere bytes vanaf byte"},
    Phrase{"at the end of the file", "aan het einde van het bestand"},
};

std::string translate_phrases(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 32);
    std::size_t i = 0;
    while (i < text.size()) {
        bool matched = false;
        for (const auto& [english, dutch] : phrases) {
            if (text.substr(i).starts_with(english)) {
                out += dutch;
                i += english.size();
                matched = true;
                break;
            }
        }
        if (!matched) out.push_back(text[i++]);
    }
    return out;
}

}  // namespace

std::string dutch_reason(std::string_view english) {
    constexpr std::string_view last_read = "; last read: ";
    const std::size_t quoted = english.find(last_read);
    if (quoted == std::string_view::npos) return translate_phrases(english);
    return translate_phrases(english.substr(0, quoted)) + "; laatst gelezen: " +
           std::string(english.substr(quoted + last_read.size()));
}

}  // namespace lmacheck
