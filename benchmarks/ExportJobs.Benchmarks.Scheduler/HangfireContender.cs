using System.Collections.Concurrent;
using Cronos;
using Hangfire;
using Hangfire.Common;
using Hangfire.InMemory;

namespace ExportJobs.Benchmarks.Scheduler;

/// <summary>Hangfire recurring jobs on Hangfire.InMemory with default server options, the same schedules and no-op work.</summary>
internal sealed class HangfireContender : IContender
{
    private static readonly ConcurrentDictionary<string, CronExpression> Crons = new(StringComparer.Ordinal);
    private static LatenessRecorder? s_recorder;
    private readonly BackgroundJobServer _server;
    private readonly InMemoryStorage _storage;

    private HangfireContender(BackgroundJobServer server, InMemoryStorage storage)
    {
        _server = server;
        _storage = storage;
    }

    public string Name => "Hangfire 1.8 (InMemory)";

    public static HangfireContender Start(IReadOnlyList<string> schedules, LatenessRecorder recorder)
    {
        s_recorder = recorder;
        Crons.Clear();
        var storage = new InMemoryStorage();
        var manager = new RecurringJobManager(storage);
        for (var i = 0; i < schedules.Count; i++)
        {
            var id = $"job-{i:D5}";
            Crons[id] = CronExpression.Parse(schedules[i]);
            manager.AddOrUpdate(id, Job.FromExpression(() => NoOp(id)), schedules[i], new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        }

        var server = new BackgroundJobServer(new BackgroundJobServerOptions(), storage);
        return new HangfireContender(server, storage);
    }

    /// <summary>The job: records its start against the cron occurrence it belongs to (the latest one at or before the start).</summary>
    /// <param name="id">The recurring job id.</param>
    public static void NoOp(string id)
    {
        var started = TimeProvider.System.GetUtcNow();
        var scheduled = Crons[id].GetOccurrences(started.AddMinutes(-30), started, TimeZoneInfo.Utc, fromInclusive: true, toInclusive: true).LastOrDefault();
        s_recorder?.Record(scheduled, started);
    }

    public ValueTask DisposeAsync()
    {
        _server.SendStop();
        _server.Dispose();
        _storage.Dispose();
        return ValueTask.CompletedTask;
    }
}
