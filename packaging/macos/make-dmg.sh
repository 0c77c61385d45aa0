#!/bin/sh
# Wrap dist/scrutinydesk.app (from `make package` on a Mac) in a drag-to-Applications disk image:
#     packaging/macos/make-dmg.sh            -> dist/scrutinydesk-VERSION.dmg
# Sign and notarise first when the council has an Apple Developer ID (see packaging/README.md).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
app="$root/dist/scrutinydesk.app"
[ -d "$app" ] || { echo "No $app: run 'make package' on a Mac first." >&2; exit 1; }
version=$(/usr/libexec/PlistBuddy -c "Print :CFBundleShortVersionString" "$app/Contents/Info.plist")
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp -R "$app" "$stage/"
ln -s /Applications "$stage/Applications"
hdiutil create -volname "scrutinydesk $version" -srcfolder "$stage" -fs HFS+ -format UDZO -ov \
    "$root/dist/scrutinydesk-$version.dmg"
echo "$root/dist/scrutinydesk-$version.dmg"
