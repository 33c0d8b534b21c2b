// Side-by-side scheduler benchmark: ExportJobs vs Hangfire recurring jobs, 10,000 jobs each.
//   dotnet run -c Release --project benchmarks/ExportJobs.Benchmarks.Scheduler -- [--jobs 10000] [--window-minutes 2] [--idle-seconds 60] [--only exportjobs|exportjobs-memory|hangfire] [--minute-starts LOW-HIGH] [--warmup-minutes 1]
// Phase 1: lateness (actual start - scheduled time) of every occurrence in a window of whole minutes, many due each minute.
//   How many occurrences fall due in a minute depends on the minute (1,400 to 3,000 of this mix), and a burst's lateness
//   grows with its size; so rounds of two builds are only comparable over minutes of the same size. --minute-starts
//   makes the window the first whole minute (within the next hour) in which LOW to HIGH occurrences fall due.
//   The first burst after start-up runs code the process has not run yet (JIT, tier-0), several milliseconds per burst
//   whatever its size; --warmup-minutes (default 1) leaves that many minute boundaries unmeasured first.
// Phase 2: process CPU time over an idle period in which none of the 10,000 jobs falls due.
using System.Diagnostics;
using System.Globalization;
using Cronos;
using ExportJobs.Benchmarks.Scheduler;

var jobs = Arg("--jobs", 10_000);
var windowMinutes = Arg("--window-minutes", 2);
var idleSeconds = Arg("--idle-seconds", 60);
var only = ArgText("--only");
var warmupMinutes = Arg("--warmup-minutes", 1);
var minuteStarts = ArgText("--minute-starts")?.Split('-').Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToArray();
var contenders = new List<(string Key, Func<IReadOnlyList<string>, LatenessRecorder, Task<IContender>> Start)>
{
    ("exportjobs", async (s, r) => await ExportJobsContender.StartAsync(s, r, inMemory: false)),
    ("exportjobs-memory", async (s, r) => await ExportJobsContender.StartAsync(s, r, inMemory: true)),
    ("hangfire", (s, r) => Task.FromResult<IContender>(HangfireContender.Start(s, r))),
};
contenders.RemoveAll(c => only is not null && !only.Split(',').Contains(c.Key));

Console.WriteLine($"{jobs} jobs, lateness window {windowMinutes} min, idle {idleSeconds} s, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
var busy = ScheduleMix.Busy(jobs);
foreach (var (_, start) in contenders)
{
    var recorder = new LatenessRecorder();
    var startup = Stopwatch.StartNew();
    await using var contender = await start(busy, recorder);
    var now = TimeProvider.System.GetUtcNow();
    var from = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(1 + warmupMinutes);
    if (minuteStarts is [var low, var high])
    {
        var candidate = from;
        while (Expected(busy, candidate, candidate.AddMinutes(1)) is var count && (count < low || count > high))
        {
            candidate = candidate.AddMinutes(1);
            if (candidate > from.AddHours(1))
            {
                throw new InvalidOperationException($"No minute within the next hour has {low} to {high} occurrences due.");
            }
        }

        from = candidate;
    }

    var to = from.AddMinutes(minuteStarts is null ? windowMinutes : 1);
    Console.WriteLine($"[{contender.Name}] started in {startup.Elapsed.TotalSeconds:F1} s; measuring {from:HH:mm:ss}-{to:HH:mm:ss} UTC");
    await Task.Delay(to - now + TimeSpan.FromSeconds(20));
    Console.WriteLine($"[{contender.Name}] {recorder.Summarize(from, to, Expected(busy, from, to))}");
    if (contender is ExportJobsContender)
    {
        Console.WriteLine($"[{contender.Name}] handed to the dispatcher: {RecordingDispatcher.Dispatched.Summarize(from, to, Expected(busy, from, to))}");
        Console.WriteLine($"[{contender.Name}] run recorded in the store: {RecordingDispatcher.Recorded.Summarize(from, to, Expected(busy, from, to))}");
    }
}

foreach (var (_, start) in contenders)
{
    var idle = ScheduleMix.Idle(jobs, TimeProvider.System.GetUtcNow());
    await using var contender = await start(idle, new LatenessRecorder());
    await Task.Delay(TimeSpan.FromSeconds(5));
    GC.Collect();
    using var process = Process.GetCurrentProcess();
    var cpuBefore = process.TotalProcessorTime;
    var wall = Stopwatch.StartNew();
    await Task.Delay(TimeSpan.FromSeconds(idleSeconds));
    process.Refresh();
    var cpu = process.TotalProcessorTime - cpuBefore;
    Console.WriteLine($"[{contender.Name}] idle: {cpu.TotalSeconds:F3} CPU s over {wall.Elapsed.TotalSeconds:F0} s = {100 * cpu.TotalSeconds / wall.Elapsed.TotalSeconds:F2}% of one core");
}

static int Expected(IReadOnlyList<string> schedules, DateTimeOffset from, DateTimeOffset to) =>
    schedules.Sum(s => CronExpression.Parse(s).GetOccurrences(from, to, TimeZoneInfo.Utc, fromInclusive: true, toInclusive: false).Count());

int Arg(string name, int fallback)
{
    var text = ArgText(name);
    return text is null ? fallback : int.Parse(text, CultureInfo.InvariantCulture);
}

string? ArgText(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
