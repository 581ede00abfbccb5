#!/bin/bash
# macOS: make the app icon (.icns) and the drag-to-Applications disk image.
#
#   packaging/macos/build_dmg.sh --icns-only   # build/macos/io.pictotext.Desktop.icns
#   packaging/macos/build_dmg.sh <version>     # dist/pictotext-desktop-<v>-macos-<arch>.dmg
#
# packaging/build.py calls it twice: --icns-only before PyInstaller (the spec embeds the
# .icns in the .app), then with the version once "dist/PicToText Desktop.app" exists.
# Needs only tools that ship with macOS (iconutil, codesign, ditto, hdiutil); the PNGs it
# packs are the committed ones in resources/icons/hicolor.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
APP_ID=io.pictotext.Desktop
APP_NAME="PicToText Desktop"
HICOLOR="$ROOT/resources/icons/hicolor"
ICNS="$ROOT/build/macos/$APP_ID.icns"

make_icns() {
    # iconutil wants an .iconset folder with these exact names; @2x entries are the
    # double-size PNG of the same point size.
    local set="$ROOT/build/macos/$APP_ID.iconset"
    rm -rf "$set"
    mkdir -p "$set"
    local pt
    for pt in 16 32 128 256; do
        cp "$HICOLOR/${pt}x${pt}/apps/$APP_ID.png" "$set/icon_${pt}x${pt}.png"
        cp "$HICOLOR/$((pt * 2))x$((pt * 2))/apps/$APP_ID.png" "$set/icon_${pt}x${pt}@2x.png"
    done
    cp "$HICOLOR/512x512/apps/$APP_ID.png" "$set/icon_512x512.png"
    # icon_512x512@2x (1024 px) is left out: we do not render one, and iconutil accepts
    # an iconset without it.
    iconutil --convert icns --output "$ICNS" "$set"
    echo "icns: $ICNS"
}

if [ "${1:-}" = "--icns-only" ]; then
    make_icns
    exit 0
fi
VERSION=${1:?usage: build_dmg.sh --icns-only | build_dmg.sh <version>}
[ -f "$ICNS" ] || make_icns

APP="$ROOT/dist/$APP_NAME.app"
[ -d "$APP" ] || { echo "error: $APP not found: run packaging/build.py" >&2; exit 1; }
ARCH=$(uname -m)
DMG="$ROOT/dist/pictotext-desktop-$VERSION-macos-$ARCH.dmg"

# Ad-hoc signature so Gatekeeper on Apple silicon runs it at all; a release build replaces
# "-" with a Developer ID identity and notarises the DMG (see packaging/README.md).
codesign --force --deep --sign "${CODESIGN_IDENTITY:--}" "$APP"

# The image shows the app beside an Applications link: drag one onto the other to install.
STAGE=$(mktemp -d "${TMPDIR:-/tmp}/pictotext-dmg.XXXXXX")
trap 'rm -rf "$STAGE"' EXIT
ditto "$APP" "$STAGE/$APP_NAME.app"
ln -s /Applications "$STAGE/Applications"

rm -f "$DMG"
hdiutil create -volname "$APP_NAME $VERSION" -srcfolder "$STAGE" -fs HFS+ \
    -format UDZO -imagekey zlib-level=9 -ov "$DMG"
hdiutil verify "$DMG"
echo "dmg: $DMG ($(du -h "$DMG" | cut -f1))"
