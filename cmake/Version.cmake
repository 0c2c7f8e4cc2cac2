# The package's version (at configure time): project()'s, plus the commit when building from a checkout. The
# executable's own --version is refreshed at every build (cmake/WriteVersion.cmake).
include(DescribeVersion)
oauth2dbg_describe_version(OAUTH2DBG_VERSION_STRING "${PROJECT_VERSION}" "${PROJECT_SOURCE_DIR}")
# Debian wants no '-' in an upstream version without a revision: a dirty tree's suffix becomes "~dirty".
string(REPLACE "-" "~" OAUTH2DBG_PACKAGE_VERSION "${OAUTH2DBG_VERSION_STRING}")
