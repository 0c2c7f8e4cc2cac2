# Finds every external dependency and, when one is missing, stops with the Debian package that provides it.

# A macro, not a function: find_package's variables (QT_DEFAULT_MAJOR_VERSION, ...) must reach the caller.
macro(oauth2dbg_require_package name debian_package)
    find_package(${name} ${ARGN} QUIET)
    if(NOT ${name}_FOUND)
        message(FATAL_ERROR
            "${name} was not found. On Debian 12 install it with: apt-get install ${debian_package}\n"
            "(scripts/deps.sh installs everything the build needs.)")
    endif()
endmacro()

set(OAUTH2DBG_QT_MIN 6.4)

oauth2dbg_require_package(Qt6 qt6-base-dev ${OAUTH2DBG_QT_MIN} COMPONENTS Core Network)
oauth2dbg_require_package(Qt6NetworkAuth qt6-networkauth-dev ${OAUTH2DBG_QT_MIN})
oauth2dbg_require_package(Qt6Keychain qtkeychain-qt6-dev)
if(UNIX AND NOT APPLE)
    # To tell a locked Secret Service from an empty one (QtKeychain reports both as "not found").
    oauth2dbg_require_package(Qt6DBus qt6-base-dev ${OAUTH2DBG_QT_MIN})
endif()
oauth2dbg_require_package(OpenSSL libssl-dev 3.0)
# QR codes of the device grant's verification URI.
oauth2dbg_require_package(PkgConfig pkg-config)
pkg_check_modules(QRENCODE QUIET IMPORTED_TARGET libqrencode)
if(NOT QRENCODE_FOUND)
    message(FATAL_ERROR "libqrencode was not found. On Debian 12 install it with: apt-get install libqrencode-dev\n"
        "(scripts/deps.sh installs everything the build needs.)")
endif()
if(OAUTH2DBG_BUILD_GUI)
    oauth2dbg_require_package(Qt6Gui qt6-base-dev ${OAUTH2DBG_QT_MIN})
    oauth2dbg_require_package(Qt6Widgets qt6-base-dev ${OAUTH2DBG_QT_MIN})
    oauth2dbg_require_package(Qt6Svg qt6-svg-dev ${OAUTH2DBG_QT_MIN})
endif()
if(OAUTH2DBG_BUILD_TESTS)
    oauth2dbg_require_package(Qt6Test qt6-base-dev ${OAUTH2DBG_QT_MIN})
endif()
