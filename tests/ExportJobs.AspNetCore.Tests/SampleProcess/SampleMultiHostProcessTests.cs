using ExportJobs.Testing;
using ExportJobs.Testing.PostgreSql;
using static ExportJobs.AspNetCore.Tests.SampleProcess.MultiHostSample;

namespace ExportJobs.AspNetCore.Tests.SampleProcess;

/// <summary>
/// Three real sample host processes on one PostgreSQL database, 20 jobs every minute for three minutes: every occurrence
/// of every job runs exactly once (none lost, none twice), and a pause made on another host than the one that created
/// the job stops it on all of them.
/// </summary>
/// <remarks>
/// The host that created the jobs is stopped once the first occurrence has run, so the later occurrences can only run if
/// the jobs reached the other hosts. (Counting the hosts that own claims cannot show that: a host claims every occurrence
/// due within two seconds in one batch, so one host may win every minute.)
/// </remarks>
public sealed class SampleMultiHostProcessTests
{
    private const int JobCount = 20;
    private const int Occurrences = 3;

    [Fact]
    public async Task ThreeHosts_TwentyMinutelyJobs_EachOccurrenceRunsExactlyOnce_PauseOnOtherHostStopsJob()
    {
        using var folder = new TempDirectory();
        await using var server = await PostgreSqlServer.StartAsync();
        var hosts = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => StartAsync(folder, $"host{i}", server.ConnectionString, productCount: 20)));
        SampleProcess? stopped = null;
        try
        {
            var jobIds = new List<string>();
            for (var i = 0; i < JobCount; i++)
            {
                jobIds.Add(await CreateMinutelyJobAsync(hosts[0].Client, $"job{i}"));
            }

            var paused = await CreateMinutelyJobAsync(hosts[0].Client, "paused-on-host1");
            var createdAt = TimeProvider.System.GetUtcNow();
            await Task.Delay(TimeSpan.FromSeconds(3));
            (await hosts[1].Client.PostAsync($"/export-jobs/{paused}/pause", null)).EnsureSuccessStatusCode();
            var pausedAt = TimeProvider.System.GetUtcNow();

            var first = NextMinute(createdAt);
            var occurrences = Enumerable.Range(0, Occurrences).Select(i => first.AddMinutes(i)).ToArray();
            var last = occurrences[^1];
            await Task.Delay(Max(TimeSpan.Zero, first - TimeProvider.System.GetUtcNow()));
            await WaitUntilAsync(() => OccurrenceFinishedAsync(hosts[2].Client, jobIds, first), TimeSpan.FromSeconds(30), "every job's run of the first occurrence to finish");
            await hosts[0].DisposeAsync();
            stopped = hosts[0];

            await Task.Delay(Max(TimeSpan.Zero, last - TimeProvider.System.GetUtcNow()));
            await WaitUntilAsync(() => OccurrenceFinishedAsync(hosts[2].Client, jobIds, last), TimeSpan.FromSeconds(30), "every job's run of the last occurrence to finish (on the hosts that did not create the jobs)");

            foreach (var jobId in jobIds)
            {
                var scheduled = (await RunsAsync(hosts[1].Client, jobId)).Where(r => ScheduledAt(r) is { } at && at <= last).ToList();
                foreach (var occurrence in occurrences)
                {
                    var runs = scheduled.Where(r => ScheduledAt(r) == occurrence).ToList();
                    Assert.True(runs.Count == 1, $"job {jobId} occurrence {occurrence:O}: {runs.Count} runs");
                    Assert.Equal("success", Status(runs[0]));
                }

                Assert.Equal(Occurrences, scheduled.Count);
            }

            var afterPause = (await RunsAsync(hosts[1].Client, paused)).Where(r => ScheduledAt(r) > pausedAt.AddSeconds(2)).ToList();
            Assert.Empty(afterPause);
        }
        finally
        {
            foreach (var host in hosts.Where(h => !ReferenceEquals(h, stopped)))
            {
                await host.DisposeAsync();
            }
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static async Task<bool> OccurrenceFinishedAsync(HttpClient client, IEnumerable<string> jobIds, DateTimeOffset occurrence)
    {
        foreach (var jobId in jobIds)
        {
            if (!(await RunsAsync(client, jobId)).Any(r => ScheduledAt(r) == occurrence && Status(r) != "running"))
            {
                return false;
            }
        }

        return true;
    }
}
