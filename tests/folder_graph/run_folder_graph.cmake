# Runs scripts/folder-graph.py on one fixture tree and compares its exit code
# and its whole output with what the fixture expects.
# -DPYTHON=... -DSCRIPT=... -DROOT=<fixture tree> -DEXPECTED_EXIT=<n> -DEXPECTED_OUTPUT=<file>
execute_process(COMMAND "${PYTHON}" "${SCRIPT}" "${ROOT}"
  RESULT_VARIABLE exit_code OUTPUT_VARIABLE output ERROR_VARIABLE errors)
file(READ "${EXPECTED_OUTPUT}" expected)
if(NOT exit_code STREQUAL EXPECTED_EXIT)
  message(FATAL_ERROR "folder-graph.py ${ROOT}: exit ${exit_code}, expected ${EXPECTED_EXIT}\n${output}${errors}")
endif()
if(NOT output STREQUAL expected)
  message(FATAL_ERROR "folder-graph.py ${ROOT} printed\n${output}\nexpected (${EXPECTED_OUTPUT})\n${expected}")
endif()
