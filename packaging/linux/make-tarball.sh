#!/bin/sh
# Pack the built app (dist/scrutinydesk/, from `make package`) as a tarball IT can unpack and install:
#     packaging/linux/make-tarball.sh [OUTDIR]      -> OUTDIR/scrutinydesk-VERSION-linux-ARCH.tar.gz (default dist/)
# Inside: the app folder, the desktop entry, the icons and install.sh. IT may drop scrutinydesk.ini (and the
# officer's .pub it names) beside install.sh before installing; install.sh puts them beside the app.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$(mkdir -p "${1:-$root/dist}" && cd "${1:-$root/dist}" && pwd)
app="$root/dist/scrutinydesk"
[ -x "$app/scrutinydesk" ] || { echo "No built app in $app: run 'make package' first." >&2; exit 1; }
version=$("$app/scrutinydesk" --version | awk '{print $NF}')
name="scrutinydesk-$version-linux-$(uname -m)"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/$name/icons"
cp -a "$app" "$stage/$name/scrutinydesk"
cp "$root/resources/scrutinydesk.desktop" "$root/packaging/linux/install.sh" "$stage/$name/"
cp "$root/resources/icons/scrutinydesk.svg" "$root"/resources/icons/scrutinydesk-*.png "$stage/$name/icons/"
tar -C "$stage" -czf "$out/$name.tar.gz" "$name"
echo "$out/$name.tar.gz"
