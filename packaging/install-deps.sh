#!/usr/bin/env bash
# Installs what Shelfscope needs to build, test and run on Debian 12. Idempotent: when every
# package is already present it changes nothing and does not touch the network.
set -euo pipefail

packages=(
    build-essential cmake
    qt6-base-dev libqt6opengl6-dev qt6-charts-dev qt6-svg-dev
    libeigen3-dev zlib1g-dev
    # EASE's 10,000 x 10,000 inverse (LAPACK spotrf/spotri): OpenBLAS picks its kernels for the
    # CPU at run time, where Eigen on the portable build is limited to SSE
    # (docs/BENCHMARKS-HISTORY.md)
    libopenblas-dev
    xvfb xauth fonts-dejavu-core
    locales
    # the package test: CPack's dpkg-shlibdeps step runs file; the desktop entry and the
    # AppStream metainfo are checked with desktop-file-validate and appstreamcli
    file desktop-file-utils appstream
    # lintian: check-deb.sh requires no errors from it
    lintian
    # the fuzz preset (tests/fuzz): clang and its libFuzzer and sanitizer runtimes
    clang-14 libclang-rt-14-dev
)

# The locale tests run under a decimal-comma locale; Debian's locales package ships its source.
ensure_test_locale() {
    if ! locale -a 2>/dev/null | grep -qix 'de_DE.utf8'; then
        echo "install-deps: generating the de_DE.UTF-8 locale"
        $sudo localedef -i de_DE -f UTF-8 de_DE.UTF-8
    fi
}

sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done

if [ "${#missing[@]}" -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} packages present"
    ensure_test_locale
    exit 0
fi

echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
ensure_test_locale
