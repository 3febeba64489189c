// A file path as a URI reference (RFC 3986), for SARIF's artifactLocation.
#pragma once

#include <string>
#include <string_view>

namespace lmacheck {

// A relative path stays a relative reference ("samples/a%20b.json"); an
// absolute one becomes a file URI ("file:///tmp/a.json"). Every byte other
// than an unreserved character or '/' is percent-encoded, so ':' in a first
// segment cannot read as a scheme and '?' or '#' cannot end the path.
std::string file_uri(std::string_view path);

bool is_absolute_file_uri(std::string_view uri);

}  // namespace lmacheck
