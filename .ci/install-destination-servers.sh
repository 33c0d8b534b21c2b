#!/usr/bin/env bash
# Installs the real servers the destination tests run against: OpenSSH's sshd (Debian openssh-server) and the npm
# packages s3rver (S3) and azurite (Azure Blob), pinned by tests/servers/package-lock.json. Idempotent.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if [ ! -x /usr/sbin/sshd ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends openssh-server openssh-client >/dev/null
fi
mkdir -p /run/sshd
chmod 0755 /run/sshd

cd "$root/tests/servers"
if [ ! -x node_modules/.bin/s3rver ] || [ ! -x node_modules/.bin/azurite-blob ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
echo "destination test servers: sshd, s3rver and azurite-blob installed"
