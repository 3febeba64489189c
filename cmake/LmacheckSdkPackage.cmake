# The installed plugin SDK: `cmake --install build --prefix P` puts
#   P/include/lmacheck/*.hpp                      the SDK headers
#   P/lib/cmake/lmacheck/lmacheckConfig.cmake     find_package(lmacheck): lmacheck::sdk
#   P/lib/cmake/lmacheck/lmacheckConfigVersion.cmake
#   P/lib/cmake/lmacheck/LmacheckPlugin.cmake     lmacheck_add_plugin(), the same file this tree uses
# beside the program, its plugins and data (bin/, lib/lmacheck/plugins/,
# share/lmacheck/). examples/out-of-tree-plugin builds against it.
include(CMakePackageConfigHelpers)

# The SDK version is defined once, in lmacheck/version.hpp.
set(lmacheck_version_header ${PROJECT_SOURCE_DIR}/core/include/lmacheck/version.hpp)
set(LMACHECK_SDK_VERSION "")
foreach(part MAJOR MINOR PATCH)
  file(STRINGS ${lmacheck_version_header} line REGEX "^#define LMACHECK_SDK_VERSION_${part} [0-9]+$")
  string(REGEX REPLACE "^#define LMACHECK_SDK_VERSION_${part} " "" number "${line}")
  if(NOT number MATCHES "^[0-9]+$")
    message(FATAL_ERROR "no LMACHECK_SDK_VERSION_${part} in ${lmacheck_version_header}")
  endif()
  list(APPEND LMACHECK_SDK_VERSION ${number})
endforeach()
list(JOIN LMACHECK_SDK_VERSION "." LMACHECK_SDK_VERSION)

set(lmacheck_package_dir lib/cmake/lmacheck)

install(DIRECTORY ${PROJECT_SOURCE_DIR}/core/include/lmacheck DESTINATION include
  FILES_MATCHING PATTERN "*.hpp")
set_target_properties(lmacheck_sdk PROPERTIES EXPORT_NAME sdk)
install(TARGETS lmacheck_sdk EXPORT lmacheckTargets)
install(EXPORT lmacheckTargets NAMESPACE lmacheck:: DESTINATION ${lmacheck_package_dir})

# A plugin binary must be built with the very nlohmann_json lmacheck was
# built with (the build fingerprint holds its version): ask for it exactly, so
# a mismatch fails at configure time rather than when the plugin loads.
set(LMACHECK_NLOHMANN_JSON_VERSION ${nlohmann_json_VERSION})
configure_file(${PROJECT_SOURCE_DIR}/cmake/lmacheckConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/lmacheckConfig.cmake @ONLY)
# Source compatibility follows semantic versioning; a plugin binary runs only
# with the SDK version it was built against (the build fingerprint).
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/lmacheckConfigVersion.cmake
  VERSION ${LMACHECK_SDK_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES
  ${CMAKE_CURRENT_BINARY_DIR}/lmacheckConfig.cmake
  ${CMAKE_CURRENT_BINARY_DIR}/lmacheckConfigVersion.cmake
  ${PROJECT_SOURCE_DIR}/cmake/LmacheckPlugin.cmake
  DESTINATION ${lmacheck_package_dir})
