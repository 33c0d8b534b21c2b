#!/usr/bin/env bash
# Installs the PostgreSQL server binaries the PostgreSQL store's tests start (initdb + pg_ctl on a loopback port).
# Idempotent: does nothing when /usr/lib/postgresql/*/bin/initdb exists already. Needs root (or passwordless sudo).
set -euo pipefail

if compgen -G "/usr/lib/postgresql/*/bin/initdb" > /dev/null && id postgres > /dev/null 2>&1; then
  echo "PostgreSQL server binaries present: $(ls -d /usr/lib/postgresql/*/bin | tr '\n' ' ')"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
# The package's own cluster is not needed: the tests create throw-away clusters of their own.
$sudo apt-get install -y -q --no-install-recommends postgresql
if command -v pg_lsclusters > /dev/null; then
  pg_lsclusters -h | while read -r version cluster _; do $sudo pg_ctlcluster "$version" "$cluster" stop || true; done
fi
echo "Installed: $(ls -d /usr/lib/postgresql/*/bin | tr '\n' ' ')"
