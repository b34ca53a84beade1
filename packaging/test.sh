#!/usr/bin/env bash
# Command 2 of the README: set up, build and run every test. GUI tests run offscreen.
# Tests that need the real goodbooks-10k files (label `data`) read them from $SHELFSCOPE_DATA
# when it is set (.ci/run sets it from ../shared) and show as skipped when it is not.
set -euo pipefail
cd "$(dirname "$0")/.."

bash packaging/build.sh
export QT_QPA_PLATFORM=offscreen
ctest --test-dir build/release --output-on-failure --parallel "$(nproc)" "$@"
