#!/bin/sh
# Runs a command against a real Secret Service: a private D-Bus session with a fresh gnome-keyring, unlocked.
# Everything lives in a scratch directory (its own XDG_DATA_HOME), so the user's own keyrings are never touched
# and no existing login keyring with another password makes the daemon prompt.
#
#   run-with-keyring.sh COMMAND [ARGS...]
set -eu
[ $# -ge 1 ] || { echo "usage: run-with-keyring.sh COMMAND [ARGS...]" >&2; exit 2; }
for tool in dbus-run-session gnome-keyring-daemon; do
    command -v "$tool" >/dev/null 2>&1 || {
        echo "run-with-keyring.sh: $tool is missing (apt-get install dbus gnome-keyring)" >&2
        exit 1
    }
done

scratch=$(mktemp -d "${TMPDIR:-/tmp}/oauth2dbg-keyring.XXXXXX")
trap 'rm -rf "$scratch"' EXIT INT TERM
mkdir -p "$scratch/data" "$scratch/config" "$scratch/cache" "$scratch/run"
chmod 700 "$scratch/run"
export XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config" XDG_CACHE_HOME="$scratch/cache"
export XDG_RUNTIME_DIR="$scratch/run"
unset GNOME_KEYRING_CONTROL

# The keyring's password only guards this throw-away keyring.
status=0
dbus-run-session -- sh -c '
    printf %s oauth2dbg-test-keyring | gnome-keyring-daemon --unlock --components=secrets >/dev/null || {
        echo "run-with-keyring.sh: gnome-keyring-daemon did not start" >&2
        exit 1
    }
    "$@"
' run-with-keyring "$@" || status=$?
exit $status
