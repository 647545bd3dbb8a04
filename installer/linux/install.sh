#!/bin/sh
# Install (or upgrade, or uninstall) the built one-folder app on Linux, for all users:
#
#   sudo installer/linux/install.sh [--bundle dist/assessment-app] [--settings FILE]
#   sudo installer/linux/install.sh --uninstall [--remove-settings]
#
# Options: --appdir DIR (default /opt/assessment-app), --prefix DIR (default /usr/local),
#          --destdir DIR (stage into DIR, for packaging; no cache updates then).
#
# Puts the program in APPDIR, a command in PREFIX/bin, the desktop entry, the icons and the
# AppStream metadata under PREFIX/share. An upgrade replaces the program files and keeps
# APPDIR/settings.json (IT's presets). Uninstalling never touches users' data
# (~/.local/share/assessment-app, ~/.config/assessment-app) nor their keyring entries.
set -eu

APP_ID=se.kommun.AssessmentApp
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
BUNDLE="$REPO/dist/assessment-app"
APPDIR=/opt/assessment-app
PREFIX=/usr/local
DESTDIR=""
SETTINGS=""
UNINSTALL=0
REMOVE_SETTINGS=0

die() { echo "install.sh: $*" >&2; exit 1; }

while [ $# -gt 0 ]; do
  case "$1" in
    --bundle) BUNDLE=$2; shift 2 ;;
    --appdir) APPDIR=$2; shift 2 ;;
    --prefix) PREFIX=$2; shift 2 ;;
    --destdir) DESTDIR=$2; shift 2 ;;
    --settings) SETTINGS=$2; shift 2 ;;
    --uninstall) UNINSTALL=1; shift ;;
    --remove-settings) REMOVE_SETTINGS=1; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done

case "$APPDIR" in /*) ;; *) die "--appdir must be an absolute path" ;; esac
case "$PREFIX" in /*) ;; *) die "--prefix must be an absolute path" ;; esac

TARGET="$DESTDIR$APPDIR"
SHARE="$DESTDIR$PREFIX/share"
SIZES="16 24 32 48 64 128 256 512"

remove_program() {
  # Only what this script installs: never the whole APPDIR, never settings.json.
  rm -rf "$TARGET/_internal"
  rm -f "$TARGET/assessment-app" "$TARGET/settings.example.json"
}

if [ "$UNINSTALL" -eq 1 ]; then
  remove_program
  if [ "$REMOVE_SETTINGS" -eq 1 ]; then rm -f "$TARGET/settings.json"; fi
  rmdir "$TARGET" 2>/dev/null || true
  rm -f "$DESTDIR$PREFIX/bin/assessment-app" \
        "$SHARE/applications/$APP_ID.desktop" \
        "$SHARE/metainfo/$APP_ID.metainfo.xml" \
        "$SHARE/icons/hicolor/scalable/apps/$APP_ID.svg"
  for size in $SIZES; do rm -f "$SHARE/icons/hicolor/${size}x${size}/apps/$APP_ID.png"; done
  echo "Uninstalled from $TARGET (users' own data is kept)."
  exit 0
fi

[ -x "$BUNDLE/assessment-app" ] || die "no built app in $BUNDLE (run: python installer/build.py)"
ICONS="$BUNDLE/_internal/resources/icons"
[ -f "$ICONS/assessment-app-256.png" ] || die "the bundle has no icons in $ICONS"
if [ -n "$SETTINGS" ]; then [ -f "$SETTINGS" ] || die "settings file $SETTINGS not found"; fi

remove_program
mkdir -p "$TARGET"
cp -R "$BUNDLE/." "$TARGET/"
cp "$HERE/../windows/settings.example.json" "$TARGET/settings.example.json"
if [ -n "$SETTINGS" ]; then install -m 0644 "$SETTINGS" "$TARGET/settings.json"; fi

mkdir -p "$DESTDIR$PREFIX/bin"
ln -sf "$APPDIR/assessment-app" "$DESTDIR$PREFIX/bin/assessment-app"

mkdir -p "$SHARE/applications" "$SHARE/metainfo" "$SHARE/icons/hicolor/scalable/apps"
sed "s|^Exec=assessment-app|Exec=$APPDIR/assessment-app|" "$HERE/$APP_ID.desktop" \
  > "$SHARE/applications/$APP_ID.desktop"
chmod 0644 "$SHARE/applications/$APP_ID.desktop"
install -m 0644 "$HERE/$APP_ID.metainfo.xml" "$SHARE/metainfo/$APP_ID.metainfo.xml"
install -m 0644 "$ICONS/assessment-app.svg" "$SHARE/icons/hicolor/scalable/apps/$APP_ID.svg"
for size in $SIZES; do
  mkdir -p "$SHARE/icons/hicolor/${size}x${size}/apps"
  install -m 0644 "$ICONS/assessment-app-$size.png" \
    "$SHARE/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
done

if [ -z "$DESTDIR" ]; then
  command -v update-desktop-database >/dev/null 2>&1 \
    && update-desktop-database -q "$PREFIX/share/applications" || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 \
    && gtk-update-icon-cache -q -t "$PREFIX/share/icons/hicolor" || true
fi
echo "Installed in $TARGET; command $PREFIX/bin/assessment-app; menu entry $APP_ID."
