# Writes OUTPUT, a C++ source defining `std::string_view NAME()` in namespace NAMESPACE that returns the
# contents of INPUT. Run as: cmake -DINPUT=... -DOUTPUT=... -DNAME=... -DNAMESPACE=... -P embed_text.cmake
file(READ "${INPUT}" content)
string(FIND "${content}" ")EMBEDDED\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains the raw-string delimiter )EMBEDDED\"")
endif()
file(WRITE "${OUTPUT}.tmp"
  "// Generated from ${INPUT}; edit that file instead.\n"
  "#include <string_view>\n\n"
  "namespace ${NAMESPACE} {\n\n"
  "std::string_view ${NAME}() {\n"
  "    // An array, not a string_view literal: its size is known without a constexpr strlen, which GCC\n"
  "    // gives up on beyond 262144 characters.\n"
  "    static constexpr char kText[] = R\"EMBEDDED(${content})EMBEDDED\";\n"
  "    return {kText, sizeof kText - 1};\n"
  "}\n\n"
  "}  // namespace ${NAMESPACE}\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
