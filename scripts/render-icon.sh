#!/usr/bin/env bash
# Renders the extension's icon, images/icon.png (128×128, what the marketplaces and the
# Extensions view show), from its source images/icon.svg. Run after editing the SVG and commit
# both. Needs rsvg-convert (Debian: apt-get install librsvg2-bin).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command -v rsvg-convert >/dev/null || { echo "render-icon: rsvg-convert missing: apt-get install librsvg2-bin" >&2; exit 1; }
rsvg-convert --width 128 --height 128 --format png --output "$root/images/icon.png" "$root/images/icon.svg"
echo "render-icon: wrote images/icon.png"
