#!/usr/bin/env bash
# Command 2 of the README: set up, build and run every test. GUI tests run offscreen.
# Tests that need the real goodbooks-10k files (label `data`) read them from $SHELFSCOPE_DATA
# when it is set (.ci/run sets it from ../shared) and show as skipped when it is not.
# Then the fuzz preset (clang, core and tests/fuzz only) runs each libFuzzer target for
# $SHELFSCOPE_FUZZ_SECONDS (30; 0 leaves the step out); a finding fails the command.
set -euo pipefail
cd "$(dirname "$0")/.."

bash packaging/build.sh
export QT_QPA_PLATFORM=offscreen
ctest --test-dir build/release --output-on-failure --parallel "$(nproc)" "$@"

fuzz_seconds="${SHELFSCOPE_FUZZ_SECONDS:-30}"
if [ "$fuzz_seconds" -gt 0 ]; then
    cmake --preset fuzz -DSHELFSCOPE_FUZZ_SECONDS="$fuzz_seconds" >/dev/null
    cmake --build --preset fuzz --parallel "$(nproc)"
    ctest --test-dir build/fuzz --output-on-failure --parallel "$(nproc)" -L fuzz
fi
