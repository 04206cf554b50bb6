#!/usr/bin/env bash
# Puts the programme's signing key of the bundled packs where `npm run build` looks for it
# (build/keys/bundled-packs.key), from the CI secret AYIL_BUNDLED_PACKS_KEY (the key file's
# PEM text). Without the secret the build makes a new key, as on a developer's machine: the
# installers work, but their packs are signed by a key other releases do not know.
set -euo pipefail
if [ -z "${AYIL_BUNDLED_PACKS_KEY:-}" ]; then
  echo "AYIL_BUNDLED_PACKS_KEY is not set: this build signs its bundled packs with a new key." >&2
  exit 0
fi
mkdir -p build/keys
umask 077
printf '%s\n' "$AYIL_BUNDLED_PACKS_KEY" > build/keys/bundled-packs.key
echo "The bundled packs will be signed with the programme's key."
