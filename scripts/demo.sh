#!/usr/bin/env bash
# Command one: installs what is missing, builds the app, starts the local demo provider on 127.0.0.1 and opens
# the window with the "Local demo" profile. Extra arguments go to the app (try --help). Quit the window to stop.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
port=${OAUTH2DBG_DEMO_PORT:-9440}
run="$root/build/demo-provider"

"$root/scripts/deps.sh"
cmake --preset release -S "$root" >/dev/null
cmake --build --preset release

if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    echo "demo.sh: no display found. Run this in a desktop session, or under xvfb-run for a headless check." >&2
    exit 1
fi

sh "$root/tests/provider/ctl.sh" start "$run" --port "$port" || {
    echo "demo.sh: could not start the demo provider on 127.0.0.1:$port." >&2
    echo "         If another program uses that port, pick another: OAUTH2DBG_DEMO_PORT=9441 $0" >&2
    exit 1
}
trap 'sh "$root/tests/provider/ctl.sh" stop "$run" >/dev/null' EXIT

echo "demo.sh: clients of the demo provider (with this run's secrets): $run/info.json"
"$root/build/release/bin/oauth2-debugger" --demo-issuer "http://127.0.0.1:$port" "$@"
