# The version comes from project(); a build from a git checkout adds `git describe`'s suffix.
set(OAUTH2DBG_VERSION_STRING "${PROJECT_VERSION}")
find_package(Git QUIET)
if(GIT_FOUND AND EXISTS "${PROJECT_SOURCE_DIR}/.git")
    execute_process(
        COMMAND "${GIT_EXECUTABLE}" describe --always --dirty --abbrev=8
        WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}"
        OUTPUT_VARIABLE _describe OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET
        RESULT_VARIABLE _describe_result)
    if(_describe_result EQUAL 0 AND _describe)
        set(OAUTH2DBG_VERSION_STRING "${PROJECT_VERSION}+g${_describe}")
    endif()
endif()
