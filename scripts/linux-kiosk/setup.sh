#!/usr/bin/env bash
# Sets up a Linux PC too old for the desktop app as an Ayil kiosk, without Electron: the browser
# host runs as a system service, and Debian's Chromium opens it full screen (kiosk mode) when the
# kiosk user logs in (automatically, with LightDM). docs/linux-kiosk.md explains each part.
#
# Idempotent: every file is written only when its content differs, so a second run changes
# nothing (and says so). With --root DIR the files go under DIR and nothing on the system is
# touched (no user, no packages, no systemctl): that is how the tests run it.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: sudo scripts/linux-kiosk/setup.sh [--app-dir DIR] [--user NAME] [--port N] [--node PATH] [--root DIR]
  --app-dir DIR  the built Ayil (with dist/ and node_modules/), default /opt/ayil
  --user NAME    the account that logs in and runs the kiosk, default ayil
  --port N       the browser host's port, default 4310
  --node PATH    Node.js 20.19 or newer, default: the node on PATH
  --root DIR     write the files under DIR and change nothing else (for tests and inspection)
USAGE
}

APP_DIR=/opt/ayil
KIOSK_USER=ayil
PORT=4310
NODE_BIN=$(command -v node || echo /usr/bin/node)
ROOT=/
while [ $# -gt 0 ]; do
  case "$1" in
    --app-dir) APP_DIR=$2; shift 2 ;;
    --user) KIOSK_USER=$2; shift 2 ;;
    --port) PORT=$2; shift 2 ;;
    --node) NODE_BIN=$2; shift 2 ;;
    --root) ROOT=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "Unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done
ROOT=${ROOT%/}
SYSTEM=$([ -z "$ROOT" ] && echo yes || echo no)
[[ "$PORT" =~ ^[0-9]+$ ]] || { echo "--port must be a number" >&2; exit 2; }
[[ "$KIOSK_USER" =~ ^[a-z_][a-z0-9_-]*$ ]] || { echo "--user must be a plain account name" >&2; exit 2; }

changed=0
# Writes $2 (the content) to $ROOT$1 with mode $3 only when it differs; says what it did.
put() {
  local target="$ROOT$1" content=$2 mode=$3
  if [ -f "$target" ] && [ "$(cat "$target"; echo x)" = "$content"$'\n'x ] && [ "$(stat -c %a "$target")" = "$mode" ]; then
    echo "unchanged  $1"
    return
  fi
  mkdir -p "$(dirname "$target")"
  printf '%s\n' "$content" > "$target.ayil-new"
  chmod "$mode" "$target.ayil-new"
  mv "$target.ayil-new" "$target"
  changed=$((changed + 1))
  echo "written    $1"
}

HOME_DIR=/home/$KIOSK_USER
if [ "$SYSTEM" = yes ]; then
  [ "$(id -u)" -eq 0 ] || { echo "Run as root (sudo), or with --root DIR to only write the files." >&2; exit 1; }
  missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v lightdm >/dev/null || missing+=(lightdm)
  if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  fi
  node_major=$("$NODE_BIN" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  if [ "$node_major" -lt 20 ]; then
    echo "Ayil needs Node.js 20.19 or newer at $NODE_BIN (Debian 13's nodejs package has it)." >&2
    exit 1
  fi
  [ -f "$APP_DIR/dist/server/main.mjs" ] || { echo "No built Ayil in $APP_DIR (dist/server/main.mjs is missing): see docs/linux-kiosk.md" >&2; exit 1; }
  if ! id "$KIOSK_USER" >/dev/null 2>&1; then
    useradd --create-home --shell /bin/bash --comment "Ayil kiosk" "$KIOSK_USER"
    changed=$((changed + 1))
    echo "created    user $KIOSK_USER"
  fi
  HOME_DIR=$(getent passwd "$KIOSK_USER" | cut -d: -f6)
fi

# The browser host as a service: started at boot, restarted if it stops, its data in
# /var/lib/ayil. It runs as the kiosk user, so it sees the USB sticks mounted for that user.
put /etc/systemd/system/ayil-host.service "[Unit]
Description=Ayil browser host (offline training kiosk)
Documentation=file://$APP_DIR/docs/linux-kiosk.md
After=network.target

[Service]
Type=simple
User=$KIOSK_USER
StateDirectory=ayil
Environment=AYIL_DATA_DIR=/var/lib/ayil
WorkingDirectory=$APP_DIR
ExecStart=$NODE_BIN $APP_DIR/dist/server/main.mjs --port $PORT --data-dir /var/lib/ayil
Restart=always
RestartSec=2
NoNewPrivileges=yes
PrivateTmp=yes
ProtectSystem=full
ProtectKernelTunables=yes
ProtectControlGroups=yes

[Install]
WantedBy=multi-user.target" 644

# Chromium in kiosk mode on the host's page, started again if it is closed.
put /usr/local/bin/ayil-kiosk-browser "#!/bin/sh
# Opens Ayil full screen in Debian's Chromium once the host answers (scripts/linux-kiosk/setup.sh).
url=http://127.0.0.1:$PORT/
until wget -q -O /dev/null \"\$url\" 2>/dev/null || curl -fs -o /dev/null \"\$url\"; do sleep 1; done
while true; do
  /usr/bin/chromium --kiosk --incognito --no-first-run --noerrdialogs --disable-translate \\
    --disable-session-crashed-bubble --disable-features=Translate,MediaRouter \\
    --overscroll-history-navigation=0 --disable-pinch --password-store=basic \\
    --check-for-update-interval=31536000 \"\$url\"
  sleep 1
done" 755

# Started at the kiosk user's graphical log-in.
put "$HOME_DIR/.config/autostart/ayil-kiosk.desktop" "[Desktop Entry]
Type=Application
Name=Ayil
Comment=Offline training kiosk
Exec=/usr/local/bin/ayil-kiosk-browser
X-GNOME-Autostart-enabled=true" 644

# LightDM logs the kiosk user in without a password.
put /etc/lightdm/lightdm.conf.d/50-ayil-autologin.conf "[Seat:*]
autologin-user=$KIOSK_USER
autologin-user-timeout=0" 644

if [ "$SYSTEM" = yes ]; then
  chown -R "$KIOSK_USER:" "$HOME_DIR/.config"
  systemctl daemon-reload
  systemctl is-enabled --quiet ayil-host.service || { systemctl enable ayil-host.service; changed=$((changed + 1)); }
  systemctl is-active --quiet ayil-host.service || { systemctl start ayil-host.service; changed=$((changed + 1)); }
fi

if [ "$changed" -eq 0 ]; then
  echo "Nothing to change: this PC is already set up as an Ayil kiosk."
else
  echo "$changed change(s). Restart the PC: it logs in as $KIOSK_USER and opens Ayil full screen."
fi
