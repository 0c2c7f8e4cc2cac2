#!/usr/bin/env bash
# Builds the Debian package and checks it as a user would meet it: the desktop entry and AppStream metainfo
# validate, the package holds the binary, the desktop entry, the icons (SVG and PNG sizes), the metainfo, the man
# page and the completion; its dependencies name Qt, QtKeychain and libsecret; and the installed binary runs.
#
#   scripts/package.sh            install into a scratch root (dpkg -x) and run it from there
#   scripts/package.sh --system   apt install the package for real, run it, remove it, check nothing is left
#                                 (what CI does: its machine is thrown away afterwards)
#
# Prints the package's path and contents. Run by the test command.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
system=0
[ "${1:-}" = "--system" ] && system=1

cmake --preset release >/dev/null
cmake --build --preset release
build=build/release
rm -f "$build"/oauth2-debugger_*.deb
(cd "$build" && cpack -G DEB >/dev/null)
deb=$(ls "$build"/oauth2-debugger_*.deb)
echo "package: $deb ($(du -k "$deb" | cut -f1) KiB)"

fail() { echo "package check failed: $*" >&2; exit 1; }

app_id=$(sed -n 's/^set(OAUTH2DBG_APP_ID "\(.*\)")$/\1/p' CMakeLists.txt)
[ -n "$app_id" ] || fail "no OAUTH2DBG_APP_ID in CMakeLists.txt"

contents=$(dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|')
for path in /usr/bin/oauth2-debugger \
    "/usr/share/applications/$app_id.desktop" \
    "/usr/share/metainfo/$app_id.metainfo.xml" \
    "/usr/share/icons/hicolor/scalable/apps/$app_id.svg" \
    "/usr/share/icons/hicolor/48x48/apps/$app_id.png" \
    "/usr/share/icons/hicolor/256x256/apps/$app_id.png" \
    /usr/share/man/man1/oauth2-debugger.1.gz \
    /usr/share/bash-completion/completions/oauth2-debugger; do
    grep -qxF "$path" <<<"$contents" || fail "$path is not in the package"
done
# The window, the command line and the keychain are modules the executable loads when it needs them.
for module in oauth2-debugger-window.so oauth2-debugger-cli.so oauth2-debugger-keychain.so; do
    grep -qE "^/usr/lib/([^/]+/)?oauth2-debugger/$module\$" <<<"$contents" || fail "$module is not in the package"
done
echo "contents: $(grep -c . <<<"$contents") entries, every expected file present"

depends=$(dpkg-deb -f "$deb" Depends)
recommends=$(dpkg-deb -f "$deb" Recommends)
for needed in libqt6widgets6 libqt6network6 libqt6keychain1 libssl3 libqt6svg6 libsecret-1-0; do
    grep -q "$needed" <<<"$depends" || fail "Depends lacks $needed: $depends"
done
grep -q gnome-keyring <<<"$recommends" || fail "Recommends lacks a Secret Service: $recommends"
echo "version: $(dpkg-deb -f "$deb" Version)"
echo "depends: $depends"
echo "recommends: $recommends"

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
dpkg-deb -x "$deb" "$scratch/root"
desktop-file-validate "$scratch/root/usr/share/applications/$app_id.desktop"
appstreamcli validate --no-net "$scratch/root/usr/share/metainfo/$app_id.metainfo.xml" >"$scratch/appstream.log" ||
    { cat "$scratch/appstream.log" >&2; fail "appstreamcli validate"; }
echo "desktop-file-validate and appstreamcli validate: passed"
gzip -t "$scratch/root/usr/share/man/man1/oauth2-debugger.1.gz"
# The completion completes: commands first, then grants after "flow".
completion="$scratch/root/usr/share/bash-completion/completions/oauth2-debugger"
words=$(bash -c 'source "$1"; COMP_WORDS=(oauth2-debugger de); COMP_CWORD=1; _oauth2_debugger; echo "${COMPREPLY[*]}"
                 COMP_WORDS=(oauth2-debugger flow ""); COMP_CWORD=2; _oauth2_debugger; echo "${COMPREPLY[*]}"' _ "$completion")
[ "$words" = $'decode\nauthorization_code client_credentials device_code token_exchange jwt_bearer password implicit hybrid' ] || fail "bash completion offered: $words"
echo "man page and bash completion: present and working"

expected=$("$build/bin/oauth2-debugger" --version | head -1)
# The window opens and paints (offscreen, in a scratch config directory), then quits.
starts() {
    local painted
    painted=$(XDG_CONFIG_HOME="$scratch/config" QT_QPA_PLATFORM=offscreen timeout 60 "$1" --bench 2>"$scratch/start.log" | head -1)
    [[ $painted == first-paint* ]] || { cat "$scratch/start.log" >&2; fail "$1 did not open its window: $painted"; }
    echo "the window opens and paints: $painted"
}
if [ "$system" = 1 ]; then
    sudo=()
    [ "$(id -u)" -ne 0 ] && sudo=(sudo)
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "$(readlink -f "$deb")" >/dev/null
    trap '"${sudo[@]}" apt-get remove -y -q --purge oauth2-debugger >/dev/null 2>&1 || true; rm -rf "$scratch"' EXIT
    installed=$(/usr/bin/oauth2-debugger --version | head -1)
    [ "$installed" = "$expected" ] || fail "installed --version says '$installed', the build '$expected'"
    [ -f "/usr/share/applications/$app_id.desktop" ] || fail "the desktop entry is not installed"
    echo "installed with apt: /usr/bin/oauth2-debugger --version → $installed"
    starts /usr/bin/oauth2-debugger
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get remove -y -q --purge oauth2-debugger >/dev/null
    for path in /usr/bin/oauth2-debugger "/usr/share/applications/$app_id.desktop" \
        "/usr/share/icons/hicolor/scalable/apps/$app_id.svg"; do
        [ ! -e "$path" ] || fail "$path is left after removal"
    done
    echo "removed: nothing of the package is left"
else
    installed=$("$scratch/root/usr/bin/oauth2-debugger" --version | head -1)
    [ "$installed" = "$expected" ] || fail "unpacked --version says '$installed', the build '$expected'"
    echo "unpacked into a scratch root: usr/bin/oauth2-debugger --version → $installed"
    starts "$scratch/root/usr/bin/oauth2-debugger"
fi
