# lmacheck_add_plugin: builds an lmacheck rule plugin. This one file serves
# the plugins of this tree (the top-level CMakeLists.txt includes it) and
# plugins built outside it (installed beside lmacheckConfig.cmake, which
# includes it), so a third party's plugin is built exactly like the product's.
#
#   lmacheck_add_plugin(<name> <sources...>)
#   lmacheck_add_plugin(NAME <name> [SOURCES <rule files...>] PLUGIN_SOURCE <module.cpp...>
#                       [OUTPUT_DIRECTORY <dir>])
#
# Both build lmacheck_<name>, the loadable plugin lmacheck_<name>.so. The
# second form also builds lmacheck_<name>_rules, a static library of the rule
# files, for unit tests that exercise rules without loading a shared library.
#
# Plugins are built against lmacheck::sdk with hidden visibility (only the
# symbols LMACHECK_PLUGIN exports are visible to the loader) and, where the
# toolchain allows, -Wl,--no-undefined (a missing symbol fails the link, not
# the load). Without OUTPUT_DIRECTORY the plugin goes to
# LMACHECK_PLUGIN_OUTPUT_DIR (default <build>/plugins, a directory to give
# `lmacheck --plugin-dir`) and `cmake --install` puts it in lib/lmacheck/plugins,
# where an installed lmacheck looks by default.
function(lmacheck_add_plugin)
  if(ARGC GREATER 0 AND NOT ARGV0 STREQUAL "NAME")
    set(sources ${ARGN})
    list(POP_FRONT sources name)
    lmacheck_add_plugin(NAME ${name} PLUGIN_SOURCE ${sources})
    return()
  endif()
  cmake_parse_arguments(P "" "NAME;OUTPUT_DIRECTORY" "SOURCES;PLUGIN_SOURCE" ${ARGN})
  if(NOT P_NAME OR NOT P_PLUGIN_SOURCE)
    message(FATAL_ERROR "lmacheck_add_plugin: give a name and at least one source file")
  endif()
  if(NOT P_OUTPUT_DIRECTORY)
    # A plugin of the product (or of a third party's package): built beside
    # the others and installed.
    if(DEFINED LMACHECK_PLUGIN_OUTPUT_DIR)
      set(P_OUTPUT_DIRECTORY ${LMACHECK_PLUGIN_OUTPUT_DIR})
    else()
      set(P_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/plugins)
    endif()
    set_property(GLOBAL APPEND PROPERTY LMACHECK_PRODUCT_PLUGINS lmacheck_${P_NAME})
    set(P_INSTALL ON)
  endif()
  # This tree's warning policy (-Wall ... -Werror); a third party keeps its own.
  set(warnings)
  if(TARGET lmacheck_warnings)
    set(warnings lmacheck_warnings)
  endif()
  set(rules lmacheck_${P_NAME}_rules)
  if(P_SOURCES)
    add_library(${rules} STATIC ${P_SOURCES})
    target_link_libraries(${rules} PUBLIC lmacheck::sdk PRIVATE ${warnings})
    target_include_directories(${rules} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
    set_target_properties(${rules} PROPERTIES CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON
      POSITION_INDEPENDENT_CODE ON CXX_EXTENSIONS OFF)
  endif()
  add_library(lmacheck_${P_NAME} MODULE ${P_PLUGIN_SOURCE})
  if(P_SOURCES)
    target_link_libraries(lmacheck_${P_NAME} PRIVATE ${rules})
  endif()
  target_link_libraries(lmacheck_${P_NAME} PRIVATE lmacheck::sdk ${warnings})
  set_target_properties(lmacheck_${P_NAME} PROPERTIES
    PREFIX ""
    SUFFIX ".so"
    OUTPUT_NAME lmacheck_${P_NAME}
    LIBRARY_OUTPUT_DIRECTORY ${P_OUTPUT_DIRECTORY}
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    CXX_EXTENSIONS OFF)
  # Clang links the sanitizer runtimes into executables only: a sanitized
  # plugin leaves their symbols to the program that loads it.
  if(NOT ((LMACHECK_SANITIZE OR LMACHECK_FUZZ) AND CMAKE_CXX_COMPILER_ID MATCHES "Clang"))
    target_link_options(lmacheck_${P_NAME} PRIVATE -Wl,--no-undefined)
  endif()
  if(P_INSTALL)
    install(TARGETS lmacheck_${P_NAME} LIBRARY DESTINATION lib/lmacheck/plugins)
  endif()
endfunction()
