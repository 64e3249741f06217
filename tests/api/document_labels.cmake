# Included by CTest after the discovery of document_api_test (tests/api/CMakeLists.txt): the
# document tests carry the labels citizen and dossier.
if(document_api_tests)
  set_tests_properties(${document_api_tests} PROPERTIES LABELS "citizen;dossier")
endif()
