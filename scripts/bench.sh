#!/usr/bin/env bash
# The benchmarks in full (the test command runs them in a quick mode): the traffic model at 1k, 10k and 100k
# exchanges, and start-up time and peak memory against a bare Qt window, under Xvfb with the xcb platform as a
# desktop would run them; and signature verifications per second on one core. Optimised build (preset ci).
# Prints figures; RUNS=20 for more start-up runs.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
"$root/scripts/deps.sh"
cmake --preset ci >/dev/null
cmake --build --preset ci --target bench_traffic bench_startup bench_verify bare_window oauth2-debugger

run=$(mktemp -d)
trap 'sh tests/provider/ctl.sh stop "$run/a" >/dev/null; rm -rf "$run"' EXIT
sh tests/provider/ctl.sh start "$run/a" >/dev/null

xvfb=(xvfb-run -a -s '-screen 0 1400x900x24')
QT_QPA_PLATFORM=xcb "${xvfb[@]}" build/ci/tests/bench/bench_traffic
echo
build/ci/tests/bench/bench_verify
echo
OAUTH2DBG_PROVIDER_INFO="$run/a/info.json" QT_QPA_PLATFORM=xcb "${xvfb[@]}" \
    build/ci/tests/bench/bench_startup build/ci/bin/oauth2-debugger build/ci/tests/bench/bare_window "${RUNS:-10}"
