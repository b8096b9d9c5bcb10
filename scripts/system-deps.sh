#!/bin/sh
# Debian packages the test suite needs: the libraries Qt's offscreen platform loads; LibreOffice
# (headless, no GUI) to check that exported Word briefings open and convert to PDF, poppler-utils
# (pdftotext, pdftoppm) to read and render that PDF, and Carlito and Caladea, the metric-compatible
# stand-ins for the briefing template's Calibri and Cambria, so pages break as they do in Word.
# Also what the installer test needs (below).
# Safe to run repeatedly: it installs only what is missing, and does nothing without root rights
# or apt-get.
set -e
PKGS="libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 fonts-dejavu-core"
PKGS="$PKGS libreoffice-writer-nogui poppler-utils fonts-crosextra-carlito fonts-crosextra-caladea"
# The installer test: Xvfb and the X11 libraries Qt's xcb plugin loads
# run the frozen app once on a real (virtual) X display.
PKGS="$PKGS xvfb xauth libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0"
PKGS="$PKGS libxcb-randr0 libxkbcommon-x11-0 libxcb-cursor0 libwayland-cursor0 libwayland-egl1"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else echo "missing system packages:$missing (install them as root)"; exit 0; fi
fi
export DEBIAN_FRONTEND=noninteractive
${SUDO:-} apt-get update -qq
${SUDO:-} apt-get install -y -qq --no-install-recommends $missing >/dev/null
