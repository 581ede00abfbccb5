#!/bin/sh
# Register a pip-installed (or unpacked tarball) PicToText Desktop with the desktop:
# menu entry, file associations, icons and AppStream metadata.
#
#   packaging/linux/install.sh              # into ~/.local/share (no root needed)
#   PREFIX=/usr/local packaging/linux/install.sh
#   packaging/linux/install.sh --uninstall  # remove what the same PREFIX got
#
# It does not install the program itself: `pictotext-desktop` must be on PATH (pip install),
# or EXEC must name it; run from an unpacked release tarball it finds the bundle by itself.
set -eu

HERE=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
ROOT=$(dirname -- "$(dirname -- "$HERE")")
APP_ID=io.pictotext.Desktop
DATA=${PREFIX:+$PREFIX/share}
DATA=${DATA:-${XDG_DATA_HOME:-$HOME/.local/share}}
# In the release tarball this script sits in <bundle>/desktop-integration/ beside a copy of
# the icons, and the program is <bundle>/pictotext-desktop; in the source tree it is
# packaging/linux/ and the icons are resources/icons/hicolor.
if [ -d "$HERE/hicolor" ]; then
    ICONS_SRC=${ICONS_SRC:-$HERE/hicolor}
else
    ICONS_SRC=${ICONS_SRC:-$ROOT/resources/icons/hicolor}
fi
if [ -z "${EXEC:-}" ] && [ -x "$(dirname -- "$HERE")/pictotext-desktop" ] \
        && [ -d "$(dirname -- "$HERE")/_internal" ]; then
    EXEC=$(dirname -- "$HERE")/pictotext-desktop
fi
EXEC=${EXEC:-}
SIZES="16 24 32 48 64 128 256 512"

refresh() {
    # Caches are optional: skip quietly where the tools are not installed.
    command -v update-desktop-database >/dev/null 2>&1 \
        && update-desktop-database -q "$DATA/applications" || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$DATA/icons/hicolor/index.theme" ] \
        && gtk-update-icon-cache -q -t "$DATA/icons/hicolor" || true
}

if [ "${1:-}" = "--uninstall" ]; then
    rm -f "$DATA/applications/$APP_ID.desktop" "$DATA/metainfo/$APP_ID.metainfo.xml" \
          "$DATA/icons/hicolor/scalable/apps/$APP_ID.svg"
    for s in $SIZES; do rm -f "$DATA/icons/hicolor/${s}x${s}/apps/$APP_ID.png"; done
    refresh
    echo "Removed PicToText Desktop's menu entry, metadata and icons from $DATA"
    exit 0
fi
[ $# -eq 0 ] || { echo "usage: $0 [--uninstall]" >&2; exit 2; }

if [ -z "$EXEC" ] && ! command -v pictotext-desktop >/dev/null 2>&1; then
    echo "warning: pictotext-desktop is not on PATH; the menu entry will not start until it is" \
         "(pip install pictotext-desktop, or set EXEC=/path/to/pictotext-desktop)" >&2
fi

install -d "$DATA/applications" "$DATA/metainfo" "$DATA/icons/hicolor/scalable/apps"
if [ -n "$EXEC" ]; then
    # Desktop-entry quoting: a path with spaces must be double-quoted in Exec= and TryExec=.
    sed -e "s|^Exec=pictotext-desktop |Exec=\"$EXEC\" |" -e "s|^TryExec=.*|TryExec=$EXEC|" \
        "$HERE/$APP_ID.desktop" > "$DATA/applications/$APP_ID.desktop"
    chmod 644 "$DATA/applications/$APP_ID.desktop"
else
    install -m 644 "$HERE/$APP_ID.desktop" "$DATA/applications/$APP_ID.desktop"
fi
install -m 644 "$HERE/$APP_ID.metainfo.xml" "$DATA/metainfo/$APP_ID.metainfo.xml"
install -m 644 "$ICONS_SRC/scalable/apps/$APP_ID.svg" "$DATA/icons/hicolor/scalable/apps/"
for s in $SIZES; do
    install -d "$DATA/icons/hicolor/${s}x${s}/apps"
    install -m 644 "$ICONS_SRC/${s}x${s}/apps/$APP_ID.png" "$DATA/icons/hicolor/${s}x${s}/apps/"
done
refresh
echo "Installed PicToText Desktop's menu entry, metadata and icons into $DATA"
