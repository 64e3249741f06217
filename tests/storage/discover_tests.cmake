# Included by CTest (TEST_INCLUDE_FILES, see CMakeLists.txt) on every run: lists the tests of
# STORAGE_TEST_EXE under the current environment and adds one CTest test per gtest test.
if(NOT EXISTS "${STORAGE_TEST_EXE}")
  add_test(storage_test_NOT_BUILT storage_test_NOT_BUILT)
  return()
endif()
execute_process(COMMAND "${STORAGE_TEST_EXE}" --gtest_list_tests
                OUTPUT_VARIABLE output ERROR_VARIABLE errors RESULT_VARIABLE result TIMEOUT 60)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "${STORAGE_TEST_EXE} --gtest_list_tests failed (${result}):\n${errors}")
endif()
string(REPLACE "\n" ";" lines "${output}")
set(suite "")
foreach(line IN LISTS lines)
  string(REGEX REPLACE "[ ]*#.*$" "" line "${line}")  # "  # GetParam() = …" comments
  if(line MATCHES "^  ([^ ]+)$")
    set(name "${suite}${CMAKE_MATCH_1}")
    add_test("${name}" "${STORAGE_TEST_EXE}" "--gtest_filter=${name}")
    set_tests_properties("${name}" PROPERTIES LABELS storage TIMEOUT 300)
  elseif(line MATCHES "^([^ ]+)$")
    set(suite "${CMAKE_MATCH_1}")
  endif()
endforeach()
