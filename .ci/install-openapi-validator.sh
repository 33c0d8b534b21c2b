#!/usr/bin/env bash
# Installs the npm OpenAPI validator (@apidevtools/swagger-parser, pinned in tests/tools/package-lock.json) that the
# OpenAPI tests run with node. Idempotent: `npm ci` only when node_modules is missing or older than the lock.
set -euo pipefail
cd "$(dirname "$0")/../tests/tools"
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
if [ -f node_modules/.package-lock.json ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
