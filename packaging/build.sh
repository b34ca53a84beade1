#!/usr/bin/env bash
# Installs dependencies, then configures and builds the release preset (build/release).
set -euo pipefail
cd "$(dirname "$0")/.."

bash packaging/install-deps.sh
cmake --preset release ${SHELFSCOPE_CMAKE_ARGS:-} >/dev/null
cmake --build --preset release --parallel "$(nproc)"
