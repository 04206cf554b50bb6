#!/usr/bin/env bash
# What the test suite needs from the operating system, installed from Debian's packages when
# missing: Chromium for the end-to-end tests (never a browser downloaded by a test tool),
# mkfs.vfat and fusefat, with which the USB tests make and mount real FAT sticks, PostgreSQL, which
# the collector's suite starts as a throwaway cluster (test/support/postgres.ts), openssl, which
# makes the certificates of the HTTPS tests, and poppler-utils (pdfinfo, pdftotext), with which the
# desktop certificate test reads the PDF Chromium made.
set -euo pipefail

# mkfs.vfat is in /usr/sbin, which is not on a Debian user's PATH.
has() { command -v "$1" >/dev/null || [ -x "/usr/sbin/$1" ] || [ -x "/sbin/$1" ]; }

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
has mkfs.vfat || missing+=(dosfstools)
has fusefat || missing+=(fusefat)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
command -v openssl >/dev/null || missing+=(openssl)
command -v pdfinfo >/dev/null || missing+=(poppler-utils)

[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "The tests need these Debian packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing test prerequisites from Debian: ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
