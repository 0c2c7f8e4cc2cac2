#!/usr/bin/env bash
# Command two: installs what is missing, builds, and runs the whole test suite:
#   1. the engine's unit and integration tests under AddressSanitizer + UndefinedBehaviorSanitizer (preset asan);
#   2. the libFuzzer targets, each for a bounded time (preset fuzz, clang; OAUTH2DBG_FUZZ_SECONDS, default 60);
#   3. everything, GUI tests included, with warnings as errors (preset ci); the benchmarks run there in a quick
#      mode and their figures are printed (scripts/bench.sh runs them in full);
#   4. the Debian package (preset release), validated and run from a scratch root — or, with
#      OAUTH2DBG_PACKAGE_INSTALL=system (CI), installed with apt, run and removed (scripts/package.sh).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

"$root/scripts/deps.sh"

echo "== Engine under ASan + UBSan (preset asan)"
cmake --preset asan >/dev/null
cmake --build --preset asan
ctest --preset asan

echo "== Fuzzers, ${OAUTH2DBG_FUZZ_SECONDS:-60} s each (preset fuzz)"
cmake --preset fuzz -DOAUTH2DBG_FUZZ_SECONDS="${OAUTH2DBG_FUZZ_SECONDS:-60}" >/dev/null
cmake --build --preset fuzz
ctest --preset fuzz

echo "== Everything, warnings as errors (preset ci)"
cmake --preset ci >/dev/null
cmake --build --preset ci
ctest --preset ci
# The benchmarks' figures (they passed above; they never fail on a time), from the log CTest keeps.
sed -n '/^traffic model/,/^goal/p;/^start to first paint/,/after a full flow/p;/^signature verification/,/EdDSA/p' \
    build/ci/Testing/Temporary/LastTest.log || true

echo "== Debian package (preset release)"
if [ "${OAUTH2DBG_PACKAGE_INSTALL:-}" = system ] && ! dpkg-query -W oauth2-debugger >/dev/null 2>&1; then
    "$root/scripts/package.sh" --system
else
    "$root/scripts/package.sh"
fi
