#!/usr/bin/env bash
# Builds the Debian package to distribute: its own build folder (build/package) with
# SHELFSCOPE_NATIVE off, so the binaries run on any x86-64 machine rather than only on CPUs like
# this one, and without tests or benchmarks; then cpack -G DEB and check-deb.sh on the result.
#   bash packaging/package.sh        -> build/package/shelfscope_VERSION_amd64.deb
set -euo pipefail
cd "$(dirname "$0")/.."

bash packaging/install-deps.sh
cmake -S . -B build/package -DCMAKE_BUILD_TYPE=Release -DSHELFSCOPE_NATIVE=OFF \
    -DSHELFSCOPE_WERROR=ON -DSHELFSCOPE_BUILD_TESTS=OFF -DSHELFSCOPE_BUILD_BENCHMARKS=OFF \
    ${SHELFSCOPE_CMAKE_ARGS:-} >/dev/null
cmake --build build/package --parallel "$(nproc)"
(cd build/package && cpack -G DEB >/dev/null)
version="$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' build/package/CMakeCache.txt)"
bash packaging/check-deb.sh "build/package/shelfscope_${version}_amd64.deb" "$version"
echo "package: build/package/shelfscope_${version}_amd64.deb"
