#!/bin/sh
# Install scrutinydesk from this unpacked tarball.
#     ./install.sh            for this user: ~/.local/share/scrutinydesk/app, menu entry, ~/.local/bin/scrutinydesk
#     sudo ./install.sh --system    for everyone: /opt/scrutinydesk, /usr/local/share, /usr/local/bin
# A scrutinydesk.ini (and any .pub key file) beside this script is installed beside the app, where the app
# reads IT's preconfiguration (shared folder, trusted officer key) at first run.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if [ "${1:-}" = "--system" ]; then
    app=/opt/scrutinydesk; share=/usr/local/share; bin=/usr/local/bin
else
    share=${XDG_DATA_HOME:-$HOME/.local/share}; app="$share/scrutinydesk/app"; bin="$HOME/.local/bin"
fi
rm -rf "$app"
mkdir -p "$app" "$bin" "$share/applications"
cp -a "$here/scrutinydesk/." "$app/"
for file in "$here"/scrutinydesk.ini "$here"/scrutinydesk.json "$here"/*.pub; do
    if [ -f "$file" ]; then cp "$file" "$app/"; fi
done
ln -sf "$app/scrutinydesk" "$bin/scrutinydesk"
for png in "$here"/icons/scrutinydesk-*.png; do
    size=$(basename "$png" .png | sed 's/scrutinydesk-//')
    mkdir -p "$share/icons/hicolor/${size}x${size}/apps"
    cp "$png" "$share/icons/hicolor/${size}x${size}/apps/scrutinydesk.png"
done
mkdir -p "$share/icons/hicolor/scalable/apps"
cp "$here/icons/scrutinydesk.svg" "$share/icons/hicolor/scalable/apps/scrutinydesk.svg"
sed -e "s|^Exec=.*|Exec=$app/scrutinydesk|" -e "s|^TryExec=.*|TryExec=$app/scrutinydesk|" \
    "$here/scrutinydesk.desktop" > "$share/applications/scrutinydesk.desktop"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$share/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$share/icons/hicolor" || true
echo "Installed scrutinydesk in $app; it is in the applications menu (Office)."
