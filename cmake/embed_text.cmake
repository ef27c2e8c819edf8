# Turns a text file into a C++ header holding it as a raw string literal.
file(READ ${IN} CONTENT)
file(WRITE ${OUT} "#pragma once\n// Generated from ${IN}; do not edit.\nnamespace ccsim { inline const char* const kScenarioSchemaText = R\"CCSIMSCHEMA(${CONTENT})CCSIMSCHEMA\"; }\n")
