# One INTERFACE target carries every shared setting; every target of the project links it.
add_library(oauth2dbg_common INTERFACE)

target_compile_features(oauth2dbg_common INTERFACE cxx_std_20)
set(CMAKE_CXX_EXTENSIONS OFF)

target_compile_definitions(oauth2dbg_common INTERFACE
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_URL_CAST_FROM_STRING
    QT_USE_QSTRINGBUILDER
    QT_NO_FOREACH
    QT_STRICT_ITERATORS
    OPENSSL_API_COMPAT=30000
    OPENSSL_NO_DEPRECATED)

if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(oauth2dbg_common INTERFACE
        -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Woverloaded-virtual -Wcast-align
        -Wimplicit-fallthrough -Wformat=2
        # Designated initializers leave the other members at their declared defaults on purpose.
        -Wno-missing-field-initializers)
    if(OAUTH2DBG_WERROR)
        target_compile_options(oauth2dbg_common INTERFACE -Werror)
    endif()
    if(OAUTH2DBG_SANITIZE)
        target_compile_options(oauth2dbg_common INTERFACE
            -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
        target_link_options(oauth2dbg_common INTERFACE -fsanitize=address,undefined)
    endif()
    if(OAUTH2DBG_BUILD_FUZZERS)
        # Coverage feedback from the engine itself, not only from the fuzz targets' own files.
        target_compile_options(oauth2dbg_common INTERFACE -fsanitize=fuzzer-no-link)
    endif()
elseif(MSVC)
    target_compile_options(oauth2dbg_common INTERFACE /W4 /permissive- /utf-8)
    if(OAUTH2DBG_WERROR)
        target_compile_options(oauth2dbg_common INTERFACE /WX)
    endif()
endif()
