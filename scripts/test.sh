#!/usr/bin/env bash
# Command two: installs what is missing, builds, and runs the whole test suite. The engine's unit and integration
# tests run first under AddressSanitizer + UndefinedBehaviorSanitizer (preset asan, no GUI), then everything in the
# warnings-as-errors build (preset ci). Ends with CTest's summary.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

"$root/scripts/deps.sh"

echo "== Engine under ASan + UBSan (preset asan)"
cmake --preset asan >/dev/null
cmake --build --preset asan
ctest --preset asan

echo "== Everything, warnings as errors (preset ci)"
cmake --preset ci >/dev/null
cmake --build --preset ci
ctest --preset ci
