#!/usr/bin/env bash
# Instruction counts of the raw and the full side of one format (see Measure.cs), from the Release build:
#   benchmarks/ExportJobs.Benchmarks.Export/instructions.sh json 20000 [--gzip]
# Prints instructions per record: raw, full (the difference of the full runs at 2N and N, over N) and raw/full.
# EXPORTJOBS_BENCH_BIN=<folder> runs another build (a copy of an older tree's bin) instead.
# Needs valgrind and gcc (valgrind/callgrind.h). The callgrind dumps stay in the printed folder (perf-PID.map in /tmp
# names the JIT-compiled methods). Tiered compilation is off, so every method runs as its ReadyToRun code or fully
# optimized JIT code from its first call (under valgrind the tiers would not settle before the measured runs).
# Everything is instrumented from the start (slow: minutes), and each measured run is one dump.
set -euo pipefail
format=$1; records=$2; shift 2
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d /tmp/exportjobs-instr-XXXX)
gcc -shared -fPIC -O1 -o "$out/libcallgrind-control.so" "$here/callgrind-control.c"
EXPORTJOBS_CALLGRIND_LIB=$out/libcallgrind-control.so DOTNET_TieredCompilation=0 DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 \
  valgrind --tool=callgrind --smc-check=all --callgrind-out-file="$out/cg.%p" \
  "${EXPORTJOBS_BENCH_BIN:-$here/bin/Release/net10.0}/ExportJobs.Benchmarks.Export" --measure --formats "$format" --records "$records" "$@" 2>"$out/valgrind.log"
get() { grep -l "^desc: Trigger: Client Request: $1\$" "$out"/cg.*.* | head -1 | xargs grep -h '^summary:' | awk '{print $2}'; }
python3 - "$(get raw)" "$(get full)" "$(get full2)" "$records" <<'PY'
import sys
raw, full, full2, n = (int(x) for x in sys.argv[1:])
r = raw / n; f = (full2 - full) / n
print(f"instructions per record: raw {r:,.0f}  full {f:,.0f}  (full at N: {full/n:,.0f} with the run's fixed cost)  raw/full {r/f:.3f}")
PY
echo "callgrind dumps in $out"
