# oauth2dbg_describe_version(OUT BASE SOURCE_DIR): BASE, plus "+g<git describe>" in a git checkout (with "-dirty"
# for uncommitted changes). Used at configure time (the package) and at every build (--version).
function(oauth2dbg_describe_version out base source_dir)
    set(version "${base}")
    find_package(Git QUIET)
    if(GIT_FOUND AND EXISTS "${source_dir}/.git")
        execute_process(
            COMMAND "${GIT_EXECUTABLE}" describe --always --dirty --abbrev=8
            WORKING_DIRECTORY "${source_dir}"
            OUTPUT_VARIABLE describe OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET
            RESULT_VARIABLE result)
        if(result EQUAL 0 AND describe)
            set(version "${base}+g${describe}")
        endif()
    endif()
    set(${out} "${version}" PARENT_SCOPE)
endfunction()
