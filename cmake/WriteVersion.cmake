# Run at every build (cmake -P): writes Version.h with the described version, only when it changed — a new commit
# shows in --version without reconfiguring, and an unchanged tree rebuilds nothing.
#   -DSOURCE_DIR=... -DVERSION=... -DOUTPUT=...
include("${CMAKE_CURRENT_LIST_DIR}/DescribeVersion.cmake")
oauth2dbg_describe_version(version "${VERSION}" "${SOURCE_DIR}")
set(content "#pragma once\n\nnamespace oauth2dbg {\ninline constexpr char kVersion[] = \"${version}\";\n}\n")
if(EXISTS "${OUTPUT}")
    file(READ "${OUTPUT}" old)
endif()
if(NOT old STREQUAL content)
    file(WRITE "${OUTPUT}" "${content}")
endif()
