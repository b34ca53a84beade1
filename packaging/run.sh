#!/usr/bin/env bash
# Command 1 of the README: set up, build and launch the Shelfscope desktop app.
# Arguments pass through to the app, e.g. `bash packaging/run.sh --data DIR`.
set -euo pipefail
cd "$(dirname "$0")/.."

bash packaging/build.sh
exec build/release/app/gui/shelfscope "$@"
