#!/bin/sh
# Browser tests drive Debian's chromium with a CJK font (Playwright cannot download its own browser here).
# Install both when missing and we may (root, or passwordless sudo); otherwise say what to run.
set -e
have_font() { fc-list :lang=zh 2>/dev/null | grep -q . ; }
if command -v chromium >/dev/null 2>&1 && have_font; then exit 0; fi
pkgs="chromium fonts-noto-cjk"
if [ "$(id -u)" = 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
  echo "browser tests need: apt-get install $pkgs (run it as root, then make test again)" >&2; exit 1
fi
echo "installing $pkgs for the browser tests ..."
$SUDO apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $pkgs >/dev/null
