# motcua_discover_tests(<target> LABELS <label>...): gtest_discover_tests with every label.
# gtest_discover_tests of CMake 3.25 passes only the first element of a LABELS list to the
# discovered tests, so the labels are set by a small file CTest includes after the discovery.
include(GoogleTest)
function(motcua_discover_tests target)
  cmake_parse_arguments(ARG "" "" "LABELS" ${ARGN})
  gtest_discover_tests(${target} TEST_LIST ${target}_tests DISCOVERY_TIMEOUT 60)
  set(file ${CMAKE_CURRENT_BINARY_DIR}/${target}_labels.cmake)
  file(WRITE ${file}
       "if(${target}_tests)\n  set_tests_properties(\${${target}_tests} PROPERTIES LABELS \"${ARG_LABELS}\")\nendif()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${file})
endfunction()
