// Shared by the tests of documents and their positions: text parsed as a
// submission named test.json.
#pragma once

#include "document/document.hpp"

#include <string>
#include <utility>

namespace lmacheck::testing {

inline Document parse(std::string text, LoadLimits limits = {}) {
    return parse_document(std::move(text), "test.json", limits);
}

}  // namespace lmacheck::testing
