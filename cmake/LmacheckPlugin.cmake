# lmacheck_add_plugin(NAME <area> SOURCES <rule files...> PLUGIN_SOURCE <module.cpp>)
#
# Builds two targets from one list of rule files:
#   lmacheck_<area>_rules  a static library of the rules, for unit tests that
#                          exercise rules without loading a shared library;
#   lmacheck_<area>        the loadable plugin, build/plugins/lmacheck_<area>.so.
# Plugins are built with hidden visibility: only the symbols LMACHECK_PLUGIN
# exports are visible to the loader.
function(lmacheck_add_plugin)
  cmake_parse_arguments(P "" "NAME;PLUGIN_SOURCE;OUTPUT_DIRECTORY" "SOURCES" ${ARGN})
  if(NOT P_OUTPUT_DIRECTORY)
    # A product plugin: built with the program and installed beside it.
    set(P_OUTPUT_DIRECTORY ${LMACHECK_PLUGIN_OUTPUT_DIR})
    set_property(GLOBAL APPEND PROPERTY LMACHECK_PRODUCT_PLUGINS lmacheck_${P_NAME})
    set(P_INSTALL ON)
  endif()
  set(rules lmacheck_${P_NAME}_rules)
  if(P_SOURCES)
    add_library(${rules} STATIC ${P_SOURCES})
    target_link_libraries(${rules} PUBLIC lmacheck_sdk PRIVATE lmacheck_warnings)
    target_include_directories(${rules} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
    set_target_properties(${rules} PROPERTIES CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON)
  endif()
  add_library(lmacheck_${P_NAME} MODULE ${P_PLUGIN_SOURCE})
  if(P_SOURCES)
    target_link_libraries(lmacheck_${P_NAME} PRIVATE ${rules})
  endif()
  target_link_libraries(lmacheck_${P_NAME} PRIVATE lmacheck_sdk lmacheck_warnings)
  set_target_properties(lmacheck_${P_NAME} PROPERTIES
    PREFIX ""
    OUTPUT_NAME lmacheck_${P_NAME}
    LIBRARY_OUTPUT_DIRECTORY ${P_OUTPUT_DIRECTORY}
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  # Clang links the sanitizer runtimes into executables only: a sanitized
  # plugin leaves their symbols to the program that loads it.
  if(NOT ((LMACHECK_SANITIZE OR LMACHECK_FUZZ) AND CMAKE_CXX_COMPILER_ID MATCHES "Clang"))
    target_link_options(lmacheck_${P_NAME} PRIVATE -Wl,--no-undefined)
  endif()
  if(P_INSTALL)
    install(TARGETS lmacheck_${P_NAME} LIBRARY DESTINATION lib/lmacheck/plugins)
  endif()
endfunction()
