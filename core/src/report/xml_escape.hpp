// Text for XML 1.0 documents (JUnit) and for the HTML report, which is
// written as well-formed XHTML. Besides the five markup characters, XML 1.0
// forbids most control characters even as character references (&#1; is not
// well-formed either), so they are spelled out as \uXXXX; invalid UTF-8
// becomes U+FFFD.
#pragma once

#include <string>
#include <string_view>

namespace lmacheck {

// For element content: & < > " ' escaped; newlines and tabs kept as they are.
std::string xml_text(std::string_view text);

// For attribute values (double-quoted): as xml_text, and tab, newline and
// carriage return as character references, so parsers keep them.
std::string xml_attribute(std::string_view text);

}  // namespace lmacheck
