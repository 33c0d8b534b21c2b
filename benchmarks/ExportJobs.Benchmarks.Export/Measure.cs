using System.Diagnostics;
using System.Runtime.InteropServices;
using ExportJobs.Extensibility;

namespace ExportJobs.Benchmarks.Export;

/// <summary>
/// <c>--measure --formats F --records N [--warm W] [--gzip]</c>: one format, both sides warmed up (three runs
/// of <c>W</c> records each, default 20,000, so the record path runs in tier-1 code), then measured once each over a
/// 20,000-record pool: raw at <c>N</c>, full at <c>N</c> and full at <c>2N</c> (the difference of the two full runs is
/// the per-record cost without the run's fixed cost: job creation, run records, delivery). Prints each measured run's
/// output bytes and allocations.
/// </summary>
/// <remarks>
/// Under valgrind (<c>instructions.sh</c>: <c>--tool=callgrind --instr-atstart=no</c>, with
/// <c>EXPORTJOBS_CALLGRIND_LIB</c> naming the compiled <c>callgrind-control.c</c>) each measured run is bracketed by
/// client requests: zero and start instrumenting before, dump and stop after, so each dump holds exactly one run's
/// instructions (every thread: the full side's file stage and hashing included).
/// </remarks>
internal static class Measure
{
    public static async Task RunAsync(string[] args, int records, string format)
    {
        var warm = Harness.Arg(args, "--warm", 20_000);
        Callgrind.Load();
        var compress = args.Contains("--gzip");
        var pool = RecordPool.Create(20_000);
        Func<int, ExportRecord> source = i => pool[i];
        await using var small = await ExportEngine.StartAsync(warm, pool);
        await using var once = await ExportEngine.StartAsync(records, pool);
        await using var twice = await ExportEngine.StartAsync(2 * records, pool);
        for (var i = 0; i < 3; i++)
        {
            RawSerializers.Run(format, warm, source);
            ExportEngine.Discard(await small.ExportAsync(format, compress));
        }

        Step("raw", records, () => RawSerializers.Run(format, records, source));
        Step("full", records, () => Full(once, format, compress));
        Step("full2", 2 * records, () => Full(twice, format, compress));
    }

    private static long Full(ExportEngine engine, string format, bool compress)
    {
        var run = engine.ExportAsync(format, compress).GetAwaiter().GetResult();
        ExportEngine.Discard(run);
        return run.FileSize ?? 0;
    }

    private static void Step(string label, int records, Func<long> action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Callgrind.Start();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var bytes = action();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        Callgrind.Stop(label);

        Console.WriteLine($"{label} records {records} bytes {bytes} allocated {allocated} ({(double)allocated / records:F1} per record) cpu {cpu.TotalMicroseconds / records:F2} µs per record");
    }

    /// <summary>The client requests of <c>callgrind-control.c</c>, when <c>EXPORTJOBS_CALLGRIND_LIB</c> names it; else no-ops.</summary>
    private static unsafe class Callgrind
    {
        private static delegate* unmanaged<void> _start;
        private static delegate* unmanaged<byte*, void> _stop;

        public static void Load()
        {
            if (Environment.GetEnvironmentVariable("EXPORTJOBS_CALLGRIND_LIB") is { Length: > 0 } path)
            {
                var lib = NativeLibrary.Load(path);
                _start = (delegate* unmanaged<void>)NativeLibrary.GetExport(lib, "cg_start");
                _stop = (delegate* unmanaged<byte*, void>)NativeLibrary.GetExport(lib, "cg_stop");
            }
        }

        public static void Start()
        {
            if (_start != null)
            {
                _start();
            }
        }

        public static void Stop(string label)
        {
            if (_stop != null)
            {
                var text = System.Text.Encoding.ASCII.GetBytes(label + "\0");
                fixed (byte* p = text)
                {
                    _stop(p);
                }
            }
        }
    }
}
