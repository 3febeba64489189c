// The directories CMake hands a test target (LMACHECK_SOURCE_DIR and the
// others), named once: a unity build compiles several test files as one, so
// each file declaring its own would define them twice.
#pragma once

#include <filesystem>

namespace lmacheck::test_paths {

#ifdef LMACHECK_SOURCE_DIR
inline const std::filesystem::path source_dir = LMACHECK_SOURCE_DIR;
#endif
#ifdef LMACHECK_PLUGIN_DIR
inline const std::filesystem::path plugin_dir = LMACHECK_PLUGIN_DIR;
#endif
#ifdef LMACHECK_TEST_PLUGIN_DIR
inline const std::filesystem::path test_plugin_dir = LMACHECK_TEST_PLUGIN_DIR;
#endif

}  // namespace lmacheck::test_paths
