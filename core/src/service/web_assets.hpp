// The page's files (web/*.html, *.css, *.js), embedded in the program at
// build time (cmake/EmbedWebAssets.cmake writes web_assets.cpp).
#pragma once

#include <string_view>
#include <vector>

namespace lmacheck::service {

struct WebAsset {
    std::string_view name;  // file name in web/, served at "/<name>"
    std::string_view bytes;
};

const std::vector<WebAsset>& web_assets();

}  // namespace lmacheck::service
