#!/usr/bin/env bash
# Installs what building, running and testing OAuth2 Debugger need on Debian 12: Debian packages (only those
# missing) and the demo provider's npm packages (only when the lock file changed). Quick when nothing is missing.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)

packages=(
    cmake ninja-build g++ clang libclang-rt-14-dev pkg-config git
    qt6-base-dev qt6-networkauth-dev qt6-svg-dev libqt6svg6 qt6-qpa-plugins libgl-dev
    qtkeychain-qt6-dev libsecret-1-0 libssl-dev libqrencode-dev
    dbus dbus-bin gnome-keyring libsecret-tools openssl
    xvfb xauth fonts-dejavu-core
    dpkg-dev desktop-file-utils appstream curl
    glewlwyd sqlite3 zbar-tools
)

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done

if ((${#missing[@]})); then
    sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || {
            echo "deps.sh: these packages are missing and installing them needs root: ${missing[*]}" >&2
            exit 1
        }
        sudo=(sudo)
    fi
    echo "deps.sh: installing ${missing[*]}"
    "${sudo[@]}" apt-get update -q
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

for tool in node npm; do
    command -v "$tool" >/dev/null || {
        echo "deps.sh: $tool is missing; install Node.js 20 or later with npm (apt-get install nodejs npm)" >&2
        exit 1
    }
done

provider="$root/tests/provider"
stamp="$provider/node_modules/.package-lock.json"
if [ ! -f "$stamp" ] || [ "$provider/package-lock.json" -nt "$stamp" ]; then
    echo "deps.sh: installing the demo provider (npm ci)"
    (cd "$provider" && npm ci --no-audit --no-fund --loglevel=error)
fi
