#!/usr/bin/env bash
# Draws Charta's application icon (a white chart card with a cross on teal) as an RGBA PNG.
# Needs ImageMagick (Debian: imagemagick). Tauri refuses RGB icons, hence PNG32.
set -euo pipefail
cd "$(dirname "$0")"
convert -size 512x512 xc:none \
  -fill '#0f6e74' -draw 'roundrectangle 16,16 496,496 96,96' \
  -fill '#ffffff' -draw 'roundrectangle 136,96 376,416 28,28' \
  -fill '#0f6e74' -draw 'rectangle 236,150 276,290' -draw 'rectangle 186,200 326,240' \
  -fill '#9fc9cc' -draw 'rectangle 176,330 336,346' -draw 'rectangle 176,362 296,378' \
  PNG32:icon.png
echo "wrote $(pwd)/icon.png"
