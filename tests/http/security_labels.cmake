# Included by CTest after the discovery of http_test (tests/http/CMakeLists.txt): the limit and
# abuse tests get both labels, which gtest_discover_tests (CMake 3.25) cannot express.
if(http_security_tests)
  set_tests_properties(${http_security_tests} PROPERTIES LABELS "api;security")
endif()
