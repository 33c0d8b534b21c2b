#!/usr/bin/env bash
# Installs LibreOffice Calc without its GUI: the xlsx tests convert the library's xlsx files to csv with
# `soffice --headless --convert-to csv`, so a real spreadsheet program reads them, not only our own reader.
# Idempotent: does nothing when soffice is on PATH already. Needs root (or passwordless sudo).
set -euo pipefail

if command -v soffice > /dev/null; then
  echo "LibreOffice present: $(command -v soffice)"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends libreoffice-calc-nogui
echo "Installed: $(command -v soffice)"
