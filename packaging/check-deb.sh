#!/usr/bin/env bash
# Checks a built Shelfscope .deb: control fields (name, version, Depends from dpkg-shlibdeps),
# every file a desktop install needs, and that the desktop entry, AppStream metainfo, icons and
# copyright file are valid. Then removes the desktop entry from a copy of the package and makes
# sure the same checks fail on it, so a missing file cannot go unnoticed.
#   usage: check-deb.sh PACKAGE.deb VERSION
#          check-deb.sh --build BUILD_DIR VERSION   (runs cpack in BUILD_DIR first; ctest does)
set -euo pipefail

if [ "$1" = --build ]; then
    build="$(cd "$2" && pwd)"
    version="$3"
    rm -rf "$build/package-test"
    cpack --config "$build/CPackConfig.cmake" -B "$build/package-test" >"$build/package-test.log" 2>&1 ||
        { cat "$build/package-test.log"; echo "check-deb: cpack failed"; exit 1; }
    deb="$build/package-test/shelfscope_${version}_amd64.deb"
else
    deb="$1"
    version="$2"
fi
app_id=io.github.shelfscope.Shelfscope
icon_sizes=(16 22 24 32 48 64 128 256 512)

# Prints one line per problem; returns the number of problems.
problems_in() {
    local package="$1" problems=0
    local fail
    fail() { echo "  missing or wrong: $*"; problems=$((problems + 1)); }

    [ "$(dpkg-deb -f "$package" Package)" = shelfscope ] || fail "Package: shelfscope"
    [ "$(dpkg-deb -f "$package" Version)" = "$version" ] || fail "Version: $version"
    [ "$(dpkg-deb -f "$package" Architecture)" = amd64 ] || fail "Architecture: amd64"
    # Policy 5.6.2: "Name <address>".
    dpkg-deb -f "$package" Maintainer | grep -Eq '^[^<>]+ <[^<>@ ]+@[^<>@ ]+>$' ||
        fail "Maintainer: Name <address>"
    # Policy 3.4.1: the long description's lines are at most 80 characters.
    dpkg-deb -f "$package" Description | awk 'NR > 1 && length($0) > 80 { bad = 1 } END { exit bad }' ||
        fail "Description lines of at most 80 characters"
    local depends
    depends="$(dpkg-deb -f "$package" Depends)"
    for library in libc6 libstdc++6 zlib1g libqt6core6 libqt6gui6 libqt6widgets6 libqt6charts6 \
        libqt6network6 libqt6svg6; do
        # dpkg-shlibdeps writes "name (>= version)", entries joined by ", ".
        tr ',' '\n' <<<"$depends" | sed 's/^ *//' |
            awk -v want="$library (>= " 'index($0, want) == 1 { found = 1 } END { exit !found }' ||
            fail "Depends: $library (>= ...) in '$depends'"
    done
    # OpenBLAS's hand-made shlibs file names the package without a version.
    tr ',' '\n' <<<"$depends" | sed 's/^ *//' | grep -qx 'libopenblas0' ||
        fail "Depends: libopenblas0 in '$depends'"

    local listing
    listing="$(dpkg-deb -c "$package" | awk '{print $6}')"
    local expected=(
        ./usr/bin/shelfscope
        ./usr/bin/shelfscope-cli
        "./usr/share/applications/$app_id.desktop"
        "./usr/share/metainfo/$app_id.metainfo.xml"
        "./usr/share/icons/hicolor/scalable/apps/$app_id.svg"
        ./usr/share/doc/shelfscope/copyright
        ./usr/share/doc/shelfscope/README.md
        ./usr/share/doc/shelfscope/changelog.gz
        ./usr/share/man/man1/shelfscope.1.gz
        ./usr/share/man/man1/shelfscope-cli.1.gz
    )
    for size in "${icon_sizes[@]}"; do
        expected+=("./usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png")
    done
    for path in "${expected[@]}"; do
        grep -Fxq "$path" <<<"$listing" || fail "file $path"
    done
    # Nothing outside /usr (no /usr/local, no build paths).
    if grep -Ev '^\./($|usr/)' <<<"$listing" | grep -q .; then
        fail "only files under /usr: $(grep -Ev '^\./($|usr/)' <<<"$listing" | head -3 | tr '\n' ' ')"
    fi

    local root
    root="$(mktemp -d)"
    dpkg-deb -x "$package" "$root"
    for binary in shelfscope shelfscope-cli; do
        [ -x "$root/usr/bin/$binary" ] && file -b "$root/usr/bin/$binary" | grep -q "ELF 64-bit" ||
            fail "executable /usr/bin/$binary"
    done
    if [ -f "$root/usr/share/applications/$app_id.desktop" ]; then
        desktop-file-validate "$root/usr/share/applications/$app_id.desktop" ||
            fail "valid desktop entry"
        grep -Fxq "Exec=shelfscope" "$root/usr/share/applications/$app_id.desktop" ||
            fail "desktop entry runs shelfscope"
        grep -Fxq "Icon=$app_id" "$root/usr/share/applications/$app_id.desktop" ||
            fail "desktop entry names icon $app_id"
    fi
    if [ -f "$root/usr/share/metainfo/$app_id.metainfo.xml" ]; then
        appstreamcli validate --no-net --pedantic "$root/usr/share/metainfo/$app_id.metainfo.xml" \
            >"$root/appstream.txt" 2>&1 || { cat "$root/appstream.txt"; fail "valid metainfo"; }
        grep -q "<release version=\"$version\"" "$root/usr/share/metainfo/$app_id.metainfo.xml" ||
            fail "metainfo release $version"
    fi
    for size in "${icon_sizes[@]}"; do
        local png="$root/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png"
        [ -f "$png" ] && file -b "$png" | grep -q "PNG image data, $size x $size" ||
            fail "${size}x${size} PNG icon"
    done
    # Policy 12.1 and 12.3: manual pages and the changelog compressed with gzip (-9n: no name).
    for compressed in usr/share/man/man1/shelfscope.1.gz usr/share/man/man1/shelfscope-cli.1.gz \
        usr/share/doc/shelfscope/changelog.gz; do
        [ -f "$root/$compressed" ] && file -b "$root/$compressed" | grep -q '^gzip compressed data, max compression' &&
            ! file -b "$root/$compressed" | grep -q 'was "' || fail "/$compressed compressed with gzip -9n"
    done
    if [ -f "$root/usr/share/man/man1/shelfscope-cli.1.gz" ]; then
        zcat "$root/usr/share/man/man1/shelfscope-cli.1.gz" | grep -Fq '.TH SHELFSCOPE\-CLI 1 ' ||
            fail "shelfscope-cli.1.gz holds the manual page"
    fi
    if [ -f "$root/usr/share/doc/shelfscope/changelog.gz" ]; then
        [ "$(zcat "$root/usr/share/doc/shelfscope/changelog.gz" |
            dpkg-parsechangelog -l - -S Version 2>/dev/null)" = "$version" ] ||
            fail "changelog's newest entry is $version"
    fi
    local copyright="$root/usr/share/doc/shelfscope/copyright"
    for text in "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/" \
        "License: MIT" "goodbooks-10k by Zygmunt Zając" "https://github.com/zygmuntz/goodbooks-10k" \
        "(CC BY-SA 4.0)"; do
        [ -f "$copyright" ] && grep -Fq "$text" "$copyright" || fail "copyright says '$text'"
    done
    local metainfo="$root/usr/share/metainfo/io.github.shelfscope.Shelfscope.metainfo.xml"
    for text in "goodbooks-10k by Zygmunt Zając" "CC BY-SA 4.0"; do
        [ -f "$metainfo" ] && grep -Fq "$text" "$metainfo" || fail "the metainfo says '$text'"
    done
    rm -rf "$root"
    return "$problems"
}

echo "check-deb: $deb"
if ! problems_in "$deb"; then
    echo "check-deb: FAILED"
    exit 1
fi
# lintian: no errors or warnings (its notes, --display-info, are in docs/PACKAGING.md with the
# reasons they stay).
lintian_out="$(lintian "$deb" 2>&1)" || true
if grep -q '^[EW]: ' <<<"$lintian_out"; then
    grep '^[EW]: ' <<<"$lintian_out"
    echo "check-deb: FAILED: lintian reports errors or warnings"
    exit 1
fi
echo "check-deb: lintian: no errors or warnings"

# The same checks on a copy without the desktop entry must fail.
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
dpkg-deb -R "$deb" "$scratch/tree"
rm "$scratch/tree/usr/share/applications/$app_id.desktop"
dpkg-deb --root-owner-group -b "$scratch/tree" "$scratch/broken.deb" >/dev/null
echo "check-deb: a copy without the desktop entry (must fail):"
if problems_in "$scratch/broken.deb"; then
    echo "check-deb: FAILED: the checks passed a package without its desktop entry"
    exit 1
fi
echo "check-deb: OK"
