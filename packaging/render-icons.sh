#!/usr/bin/env bash
# Renders the app icon's PNG sizes (16 to 512) from resources/shelfscope.svg into
# resources/icons/hicolor/ with Qt's SVG renderer (tests/tools/render_icons.cpp). Run it after
# changing the SVG and commit the PNGs; the same Qt gives the same bytes.
set -euo pipefail
cd "$(dirname "$0")/.."

cmake --preset release >/dev/null
cmake --build --preset release --target render_icons >/dev/null
rm -rf resources/icons/hicolor
build/release/tests/tools/render_icons resources/shelfscope.svg resources/icons/hicolor \
    io.github.shelfscope.Shelfscope
