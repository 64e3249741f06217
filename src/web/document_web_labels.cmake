# Included by CTest after the discovery of document_web_test (src/web/CMakeLists.txt): the
# document page tests carry the labels web and citizen.
if(document_web_tests)
  set_tests_properties(${document_web_tests} PROPERTIES LABELS "web;citizen")
endif()
