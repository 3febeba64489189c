# The SDK as a third party uses it (cmake -P): install this build into a
# fresh prefix, build examples/out-of-tree-plugin against the installed CMake
# package with the same compiler and flags, then run the installed lmacheck
# with the example's plugin beside the product plugins: the rule must be
# listed, and flag the example's sample (and not the valid one it came from).
#
# Variables (-D): SOURCE_DIR, BUILD_DIR (this build), WORK_DIR (scratch,
# emptied first), GENERATOR, MAKE_PROGRAM, CXX_COMPILER, BUILD_TYPE,
# CXX_FLAGS, CXX_FLAGS_CONFIG (the flags of BUILD_TYPE), LINKER_FLAGS,
# SANITIZE (ON in the sanitizer build: the example gets the same flags).
cmake_minimum_required(VERSION 3.22)

function(step what)
  cmake_parse_arguments(S "" "OUTPUT;EXPECT_EXIT" "COMMAND" ${ARGN})
  if(NOT DEFINED S_EXPECT_EXIT)
    set(S_EXPECT_EXIT 0)
  endif()
  message(STATUS "${what}")
  execute_process(COMMAND ${S_COMMAND} RESULT_VARIABLE exit_code OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT exit_code STREQUAL S_EXPECT_EXIT)
    string(REPLACE ";" " " command_line "${S_COMMAND}")
    message(FATAL_ERROR "${what} failed: `${command_line}` exited with ${exit_code}, expected ${S_EXPECT_EXIT}\n"
      "stdout:\n${out}\nstderr:\n${err}")
  endif()
  if(S_OUTPUT)
    set(${S_OUTPUT} "${out}" PARENT_SCOPE)
  endif()
endfunction()

function(expect_contains text words what)
  string(FIND "${text}" "${words}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${what}: expected '${words}' in:\n${text}")
  endif()
endfunction()

set(prefix ${WORK_DIR}/prefix)
set(example_build ${WORK_DIR}/example-build)
set(example_source ${SOURCE_DIR}/examples/out-of-tree-plugin)
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})

step("installing ${BUILD_DIR} into ${prefix}"
  COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})
file(GLOB sdk_headers RELATIVE ${SOURCE_DIR}/core/include/lmacheck ${SOURCE_DIR}/core/include/lmacheck/*.hpp)
foreach(file IN LISTS sdk_headers ITEMS ../../lib/cmake/lmacheck/lmacheckConfig.cmake
        ../../lib/cmake/lmacheck/lmacheckConfigVersion.cmake ../../lib/cmake/lmacheck/LmacheckPlugin.cmake
        ../../bin/lmacheck ../../share/lmacheck/rules/lma-v1.json ../../lib/lmacheck/plugins/lmacheck_fact.so)
  if(NOT EXISTS ${prefix}/include/lmacheck/${file})
    message(FATAL_ERROR "the install lacks ${prefix}/include/lmacheck/${file}")
  endif()
endforeach()

set(configure_args -S ${example_source} -B ${example_build} -G ${GENERATOR}
  -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_CXX_COMPILER=${CXX_COMPILER} -DCMAKE_BUILD_TYPE=${BUILD_TYPE}
  "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}" "-DCMAKE_MODULE_LINKER_FLAGS=${LINKER_FLAGS}")
if(BUILD_TYPE)
  string(TOUPPER ${BUILD_TYPE} config)
  list(APPEND configure_args "-DCMAKE_CXX_FLAGS_${config}=${CXX_FLAGS_CONFIG}")
endif()
if(MAKE_PROGRAM)
  list(APPEND configure_args -DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM})
endif()
if(SANITIZE)
  # lmacheck_add_plugin links a sanitized plugin the way the tree does.
  list(APPEND configure_args -DLMACHECK_SANITIZE=ON)
endif()
step("configuring the example against the installed package" COMMAND ${CMAKE_COMMAND} ${configure_args})
step("building the example" COMMAND ${CMAKE_COMMAND} --build ${example_build} --parallel 2)

set(plugin ${example_build}/plugins/lmacheck_example.so)
if(NOT EXISTS ${plugin})
  message(FATAL_ERROR "the example built no ${plugin}")
endif()
set(lmacheck ${prefix}/bin/lmacheck --plugin-dir ${example_build}/plugins
  --plugin-dir ${prefix}/lib/lmacheck/plugins)

# The installed program lists the example's rule beside the product's.
list(INSERT lmacheck 1 rules)
step("listing the rules" COMMAND ${lmacheck} OUTPUT listing)
expect_contains("${listing}" "example.fact-caseload" "lmacheck rules")
expect_contains("${listing}" "fact.team-size" "lmacheck rules")

# The shipped rule set runs a plugin rule it does not name, with its defaults.
list(REMOVE_AT lmacheck 1)
list(INSERT lmacheck 1 validate)
set(sample ${example_source}/samples/institution-2019-caseload.json)
step("validating the example's sample" COMMAND ${lmacheck} ${sample} OUTPUT report)
expect_contains("${report}"
  "warning: 33.00 FACT clients per FTE (1320 clients, 40.00 FTE) is above the maximum 30.00 [example.fact-caseload] at /fact/clients"
  "the example rule on its sample")
step("validating the valid sample" COMMAND ${lmacheck} ${SOURCE_DIR}/samples/valid/institution-2019.json OUTPUT report)
string(FIND "${report}" "example.fact-caseload" at)
if(NOT at EQUAL -1)
  message(FATAL_ERROR "the example rule flagged a valid sample:\n${report}")
endif()
message(STATUS "the out-of-tree plugin builds against the installed SDK and runs")
