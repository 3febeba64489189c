// The SDK's version and the build fingerprint a plugin must share with the
// program that loads it.
//
// The SDK version follows semantic versioning and covers every header in
// core/include/lmacheck/: any change to them changes the version (a test
// compares the headers with tests/sdk/sdk-headers.sha256; after a bump,
// re-record it with scripts/record-sdk-headers.sh).
//
// The fingerprint adds what else decides the layout of the objects that cross
// the plugin boundary (nlohmann::json values, std::string, std::vector, the
// rule interfaces): nlohmann's version and its JSON_DIAGNOSTICS flag (which
// adds a member to every json value), the standard library and, for
// libstdc++, its dual ABI (_GLIBCXX_USE_CXX11_ABI) and debug mode
// (_GLIBCXX_DEBUG). It is a macro on purpose: it expands, in each translation
// unit, to a string literal made of that unit's own macros, so the plugin's
// copy says how the plugin was compiled and the loader's how lmacheck was.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>  // the standard library's configuration macros

#define LMACHECK_SDK_VERSION_MAJOR 1
#define LMACHECK_SDK_VERSION_MINOR 3
#define LMACHECK_SDK_VERSION_PATCH 0

#define LMACHECK_STRINGIFY_IMPL(x) #x
#define LMACHECK_STRINGIFY(x) LMACHECK_STRINGIFY_IMPL(x)

// "1.0.0"
#define LMACHECK_SDK_VERSION                                                    \
    LMACHECK_STRINGIFY(LMACHECK_SDK_VERSION_MAJOR)                              \
    "." LMACHECK_STRINGIFY(LMACHECK_SDK_VERSION_MINOR) "." LMACHECK_STRINGIFY( \
        LMACHECK_SDK_VERSION_PATCH)

#if defined(_LIBCPP_VERSION)
#define LMACHECK_FINGERPRINT_STDLIB_ "libc++ " LMACHECK_STRINGIFY(_LIBCPP_VERSION) " abi " LMACHECK_STRINGIFY(_LIBCPP_ABI_VERSION)
#elif defined(__GLIBCXX__)
#if defined(_GLIBCXX_DEBUG)
#define LMACHECK_FINGERPRINT_GLIBCXX_DEBUG_ "1"
#else
#define LMACHECK_FINGERPRINT_GLIBCXX_DEBUG_ "0"
#endif
#define LMACHECK_FINGERPRINT_STDLIB_                                          \
    "libstdc++ cxx11-abi " LMACHECK_STRINGIFY(_GLIBCXX_USE_CXX11_ABI) " debug " \
        LMACHECK_FINGERPRINT_GLIBCXX_DEBUG_
#else
#define LMACHECK_FINGERPRINT_STDLIB_ "unknown standard library"
#endif

// e.g. "lmacheck-sdk 1.0.0; nlohmann_json 3.11.2 diagnostics 0; libstdc++ cxx11-abi 1 debug 0"
#define LMACHECK_BUILD_FINGERPRINT                                                           \
    "lmacheck-sdk " LMACHECK_SDK_VERSION "; nlohmann_json " LMACHECK_STRINGIFY(               \
        NLOHMANN_JSON_VERSION_MAJOR) "." LMACHECK_STRINGIFY(NLOHMANN_JSON_VERSION_MINOR) "." \
        LMACHECK_STRINGIFY(NLOHMANN_JSON_VERSION_PATCH) " diagnostics " LMACHECK_STRINGIFY(  \
            JSON_DIAGNOSTICS) "; " LMACHECK_FINGERPRINT_STDLIB_
