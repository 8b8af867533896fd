# Generates a C++ source holding every storage/migrations/NNNN_name.sql as a raw string literal.
# Run with: cmake -DMIGRATIONS_DIR=... -DOUTPUT=... -P embed_migrations.cmake
#
# The file names are checked here, at build time: versions must start at 1 and have no gaps, because the
# database records only the number of the last migration applied (PRAGMA user_version).

if(NOT DEFINED MIGRATIONS_DIR OR NOT DEFINED OUTPUT)
  message(FATAL_ERROR "embed_migrations.cmake needs MIGRATIONS_DIR and OUTPUT")
endif()

set(delimiter "parkgrid_sql")
file(GLOB files "${MIGRATIONS_DIR}/*.sql")
list(SORT files)

set(entries "")
set(expected_version 1)
foreach(file IN LISTS files)
  get_filename_component(file_name "${file}" NAME)
  if(NOT file_name MATCHES "^([0-9][0-9][0-9][0-9])_([a-z0-9_]+)\\.sql$")
    message(FATAL_ERROR "Migration ${file_name}: name must be NNNN_lower_case_name.sql")
  endif()
  set(name "${CMAKE_MATCH_1}_${CMAKE_MATCH_2}")
  # math() reads "0007" as decimal 7.
  math(EXPR version "${CMAKE_MATCH_1}")
  if(NOT version EQUAL expected_version)
    message(FATAL_ERROR "Migration ${file_name}: expected version ${expected_version}; versions start at 1 without gaps")
  endif()
  math(EXPR expected_version "${expected_version} + 1")

  file(READ "${file}" sql)
  string(FIND "${sql}" ")${delimiter}\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "Migration ${file_name} contains the raw string delimiter )${delimiter}\"")
  endif()
  string(APPEND entries "    {${version}, \"${name}\", R\"${delimiter}(${sql})${delimiter}\"},\n")
endforeach()

if(entries STREQUAL "")
  message(FATAL_ERROR "No migrations found in ${MIGRATIONS_DIR}")
endif()

set(content "// Generated from storage/migrations/*.sql by storage/cmake/embed_migrations.cmake. Do not edit.
#include \"sqlite/migrations.hpp\"

namespace parkgrid::storage::sqlite {
namespace {

constexpr Migration migrations[] = {
${entries}};

}  // namespace

std::span<const Migration> embedded_migrations() {
    return migrations;
}

}  // namespace parkgrid::storage::sqlite
")

# Rewrite only on change so that an unchanged schema does not recompile the source.
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" previous)
  if(previous STREQUAL content)
    return()
  endif()
endif()
file(WRITE "${OUTPUT}" "${content}")
