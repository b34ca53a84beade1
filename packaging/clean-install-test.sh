#!/usr/bin/env bash
# Installs the Shelfscope .deb on a clean Debian 12 (a debootstrap minbase chroot) the way a user
# would (dpkg -i, then apt-get -f install for the dependencies), uses it (both programs, the man
# pages, a generated library trained and recommended from, the GUI's screenshot offscreen), then
# removes and purges it and checks that none of its files stay behind.
#   usage (root, needs deb.debian.org through apt):
#     bash packaging/clean-install-test.sh [PACKAGE.deb] [OUT_DIR]
#   PACKAGE.deb defaults to build/package/shelfscope_VERSION_amd64.deb (packaging/package.sh);
#   OUT_DIR (default build/clean-install) receives the report files and the GUI's screenshot.
# SHELFSCOPE_NO_RECOMMENDS=1 installs without Recommends (apt-get --no-install-recommends), to
# show that Depends alone give a working app.
# The clean system is made once and kept in SHELFSCOPE_CHROOT_CACHE (default
# /tmp/shelfscope-debootstrap/bookworm-minbase); every run copies it to a fresh folder, so a run
# starts from an untouched system. Not part of packaging/test.sh: it needs root and the network.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" -ne 0 ]; then
    echo "clean-install-test: needs root (debootstrap, chroot, mount)" >&2
    exit 2
fi
if [ -n "${1:-}" ]; then
    deb="$(realpath "$1")"
else
    deb="$(ls -t build/package/shelfscope_*_amd64.deb 2>/dev/null | head -1 || true)"
    deb="$(realpath "${deb:-build/package/shelfscope_VERSION_amd64.deb}")"
fi
out="$(realpath -m "${2:-build/clean-install}")"
cache="${SHELFSCOPE_CHROOT_CACHE:-/tmp/shelfscope-debootstrap/bookworm-minbase}"
mirror=http://deb.debian.org/debian
recommends=""
[ "${SHELFSCOPE_NO_RECOMMENDS:-0}" = 1 ] && recommends=--no-install-recommends
app_id=io.github.shelfscope.Shelfscope
[ -f "$deb" ] || { echo "clean-install-test: no package $deb (run packaging/package.sh)" >&2; exit 2; }
version="$(dpkg-deb -f "$deb" Version)"
for tool in debootstrap desktop-file-validate appstreamcli man; do
    command -v "$tool" >/dev/null ||
        { echo "clean-install-test: needs $tool on this machine (apt-get install debootstrap desktop-file-utils appstream man-db)" >&2; exit 2; }
done

# The downloaded packages ($cache.tgz) and the system made from them ($cache) are both kept.
if [ ! -x "$cache/usr/bin/apt-get" ]; then
    mkdir -p "$(dirname "$cache")"
    if [ ! -s "$cache.tgz" ]; then
        echo "clean-install-test: downloading Debian 12 (bookworm, minbase) to $cache.tgz"
        rm -rf "$cache.download"
        debootstrap --variant=minbase --make-tarball="$cache.tgz.partial" bookworm \
            "$cache.download" "$mirror" >"$cache.log" 2>&1 ||
            { tail -20 "$cache.log"; echo "clean-install-test: debootstrap failed" >&2; exit 1; }
        mv "$cache.tgz.partial" "$cache.tgz"
        rm -rf "$cache.download"
    fi
    echo "clean-install-test: installing it into $cache"
    rm -rf "$cache" "$cache.partial"
    debootstrap --variant=minbase --unpack-tarball="$cache.tgz" bookworm "$cache.partial" \
        "$mirror" >>"$cache.log" 2>&1 ||
        { tail -20 "$cache.log"; echo "clean-install-test: debootstrap failed" >&2; exit 1; }
    mv "$cache.partial" "$cache"
fi

rm -rf "$out"
mkdir -p "$out"
root="$out/root"
cp -a "$cache" "$root"
mounted=()
cleanup() {
    local i
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
        umount "${mounted[i]}" 2>/dev/null || umount -l "${mounted[i]}" || true
    done
}
trap cleanup EXIT
mount_in() { # mount_in TARGET mount-arguments...
    local target="$root/$1"
    shift
    mount "$@" "$target"
    mounted+=("$target")
}
mount_in proc -t proc proc
mount_in sys -t sysfs sysfs
mount_in dev --bind /dev
mount_in dev/pts --bind /dev/pts
cp /etc/resolv.conf "$root/etc/resolv.conf"
# A Debian 12 as the installer leaves it: the release, its updates and its security fixes.
cat >"$root/etc/apt/sources.list" <<EOF
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
EOF
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }
# As a user: the programs write settings and data under the home folder.
as_reader() {
    chroot --userspec=reader:reader "$root" env -i PATH=/usr/bin:/bin HOME=/home/reader \
        LANG=C.UTF-8 XDG_RUNTIME_DIR=/tmp/reader-runtime "$@"
}
in_root useradd --create-home reader
in_root install -d -o reader -g reader -m 700 /tmp/reader-runtime
in_root apt-get update -q >"$out/apt-update.txt" 2>&1 || { cat "$out/apt-update.txt"; exit 1; }

failures=0
check() { # check DESCRIPTION command...: runs the command, says ok or FAILED
    local description="$1"
    shift
    if "$@" >>"$out/checks.log" 2>&1; then
        echo "  ok      $description"
    else
        echo "  FAILED  $description (see $out/checks.log)"
        failures=$((failures + 1))
    fi
}
# Every regular file and link on the system, outside the mounted and scratch folders.
list_files() {
    (cd "$root" && find . -xdev \( -path ./proc -o -path ./sys -o -path ./dev -o -path ./tmp \
        -o -path ./home -o -path ./root -o -path ./var/cache -o -path ./var/lib/apt/lists \
        -o -path ./var/log \) -prune -o ! -type d -print | sort)
}
packages_installed() { in_root dpkg-query -W -f '${Package}\t${Version}\t${Installed-Size}\n' | sort; }

echo "clean-install-test: $(basename "$deb") on Debian $(cat "$root/etc/debian_version") minbase, in $root"
packages_installed >"$out/packages-before.txt"
list_files >"$out/files-before.txt"
cp "$deb" "$root/tmp/"
debname="$(basename "$deb")"

# dpkg -i alone cannot configure the package on a clean system (its Depends are missing).
if in_root dpkg -i "/tmp/$debname" >"$out/dpkg-i.txt" 2>&1; then
    echo "  note    dpkg -i succeeded without the dependencies (unexpected on a clean system)"
else
    echo "  ok      dpkg -i left shelfscope unconfigured: $(grep -c 'depends on' "$out/dpkg-i.txt") missing dependencies"
fi
check "apt-get -f install -y${recommends:+ $recommends} ($out/apt-get-f-install.txt)" bash -c \
    "chroot '$root' env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
     DEBIAN_FRONTEND=noninteractive apt-get -f install -y -q $recommends >'$out/apt-get-f-install.txt' 2>&1"
check "dpkg says shelfscope is installed" \
    bash -c "[ \"\$(chroot '$root' dpkg-query -W -f '\${Status}' shelfscope)\" = 'install ok installed' ]"
packages_installed >"$out/packages-after-install.txt"
# The packages apt pulled: name, version, installed size in KiB.
join -t $'\t' -v 2 <(cut -f1 "$out/packages-before.txt") "$out/packages-after-install.txt" \
    >"$out/pulled.txt" || true
pulled_kib="$(grep -v '^shelfscope' "$out/pulled.txt" | awk -F '\t' '{ s += $3 } END { print s + 0 }')"
echo "  info    $(grep -vc '^shelfscope' "$out/pulled.txt") packages pulled, ${pulled_kib} KiB installed (list: $out/pulled.txt)"
in_root dpkg -L shelfscope | sort >"$out/dpkg-L.txt"

check "shelfscope --version" as_reader env QT_QPA_PLATFORM=offscreen shelfscope --version
check "shelfscope-cli --version" as_reader shelfscope-cli --version
as_reader shelfscope-cli --version >"$out/cli-version.txt" 2>&1 || true
as_reader env QT_QPA_PLATFORM=offscreen shelfscope --version >"$out/gui-version.txt" 2>&1 || true
check "shelfscope --version names $version" grep -q "$version" "$out/gui-version.txt"
check "shelfscope-cli --version names $version" grep -q "$version" "$out/cli-version.txt"
for page in shelfscope shelfscope-cli; do
    man_file="$root/usr/share/man/man1/$page.1.gz"
    check "man page $page.1.gz is gzip (policy 12.1)" bash -c "file -b '$man_file' | grep -q '^gzip compressed data'"
    check "man page $page.1.gz renders without warnings" \
        bash -c "! MANWIDTH=80 man --warnings -E UTF-8 -l '$man_file' 2>&1 >/dev/null | grep ."
done
check "desktop-file-validate" desktop-file-validate "$root/usr/share/applications/$app_id.desktop"
check "appstreamcli validate --no-net" appstreamcli validate --no-net "$root/usr/share/metainfo/$app_id.metainfo.xml"
for size in 16 22 24 32 48 64 128 256 512; do
    check "icon ${size}x${size}" bash -c "file -b '$root/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png' | grep -q 'PNG image data, $size x $size'"
done
check "icon scalable (SVG)" test -s "$root/usr/share/icons/hicolor/scalable/apps/$app_id.svg"

# A real use: a generated library, a model trained on it, a reader's recommendations.
check "shelfscope-cli generate" as_reader shelfscope-cli generate --users 300 --books 100 \
    --ratings 9000 --out /home/reader/lib
check "shelfscope-cli train" as_reader shelfscope-cli train --data /home/reader/lib \
    --preset notebook-dot --epochs 3 --save /home/reader/model.ssm
as_reader shelfscope-cli recommend --model /home/reader/model.ssm --user 1 --json \
    >"$out/recommend.json" 2>"$out/recommend.err" || true
check "shelfscope-cli recommend: 10 books for reader 1" \
    bash -c "[ \"\$(grep -o '\"book_id\"' '$out/recommend.json' | wc -l)\" -eq 10 ]"

# The GUI: the demo library, trained two epochs, the window saved offscreen.
as_reader env QT_QPA_PLATFORM=offscreen timeout 300 shelfscope --demo --train notebook-dot \
    --screenshot /tmp/reader-runtime/window.png >"$out/gui.txt" 2>&1 || true
cp "$root/tmp/reader-runtime/window.png" "$out/window.png" 2>/dev/null || true
check "the GUI saved its window offscreen ($out/window.png)" \
    bash -c "file -b '$out/window.png' | grep -q 'PNG image data, 1280 x 800'"
# A minbase system has no fonts: Depends must bring one, or the window has no text.
check "fontconfig finds a font in the chroot" bash -c "chroot '$root' fc-list | grep -q ."

# Removal: none of the package's files may stay; purge forgets it.
check "apt-get remove -y shelfscope" in_root apt-get remove -y -q shelfscope
left="$(while read -r path; do
    if [ ! -d "$root$path" ] && { [ -e "$root$path" ] || [ -L "$root$path" ]; }; then
        echo "$path" # folders are below: other packages share usr/bin, usr/share/...
    fi
done <"$out/dpkg-L.txt")"
check "no file of the package left after remove" test -z "$left"
[ -z "$left" ] || echo "$left" | sed 's/^/          left: /'
# Folders the package made and no other package uses must be gone too.
left_dirs="$(while read -r path; do
    if [ -d "$root$path" ] && ! in_root dpkg -S "$path" >/dev/null 2>&1; then
        echo "$path"
    fi
done <"$out/dpkg-L.txt")"
check "no folder only the package used is left" test -z "$left_dirs"
[ -z "$left_dirs" ] || echo "$left_dirs" | sed 's/^/          left: /'
# The package has no conffiles, so remove leaves nothing for purge: dpkg forgets it already.
echo "  info    dpkg's state of shelfscope after remove: '$(in_root dpkg-query -W -f '${db:Status-Abbrev}' shelfscope 2>/dev/null || echo "not known")'"
check "dpkg --purge shelfscope" in_root dpkg --purge shelfscope
check "dpkg no longer knows shelfscope" bash -c "! chroot '$root' dpkg-query -W shelfscope"
# With the pulled dependencies autoremoved too, the system is back to what it was.
in_root apt-get autoremove --purge -y -q >"$out/autoremove.txt" 2>&1 || true
packages_installed >"$out/packages-after-autoremove.txt"
check "apt-get autoremove --purge takes every pulled package away" \
    diff <(cut -f1 "$out/packages-before.txt") <(cut -f1 "$out/packages-after-autoremove.txt")
# Packages of the clean system that the install upgraded stay upgraded (named here).
join -t $'\t' "$out/packages-before.txt" "$out/packages-after-autoremove.txt" |
    awk -F '\t' '$2 != $4 { print "  info    upgraded by the install: " $1 " " $2 " -> " $4 }'
list_files >"$out/files-after.txt"
comm -13 "$out/files-before.txt" "$out/files-after.txt" >"$out/files-added.txt"
echo "  info    files on the system after autoremove that were not there before: $(wc -l <"$out/files-added.txt") ($out/files-added.txt)"

if [ "$failures" -ne 0 ]; then
    echo "clean-install-test: FAILED ($failures checks)"
    exit 1
fi
echo "clean-install-test: OK"
