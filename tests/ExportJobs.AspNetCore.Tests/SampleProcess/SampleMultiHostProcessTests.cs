using ExportJobs.Testing;
using ExportJobs.Testing.PostgreSql;
using Npgsql;
using static ExportJobs.AspNetCore.Tests.SampleProcess.MultiHostSample;

namespace ExportJobs.AspNetCore.Tests.SampleProcess;

/// <summary>
/// Three real sample host processes on one PostgreSQL database, 20 jobs every minute for three minutes: every occurrence
/// of every job runs exactly once (none lost, none twice), and a pause made on another host than the one that created
/// the job stops it on all of them.
/// </summary>
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
            await Task.Delay(Max(TimeSpan.Zero, last - TimeProvider.System.GetUtcNow()));
            await WaitUntilAsync(
                async () =>
                {
                    foreach (var jobId in jobIds)
                    {
                        if (!(await RunsAsync(hosts[2].Client, jobId)).Any(r => ScheduledAt(r) == last && Status(r) != "running"))
                        {
                            return false;
                        }
                    }

                    return true;
                },
                TimeSpan.FromSeconds(30),
                "every job's run of the last occurrence to finish");

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

            var afterPause = (await RunsAsync(hosts[0].Client, paused)).Where(r => ScheduledAt(r) > pausedAt.AddSeconds(2)).ToList();
            Assert.Empty(afterPause);
            Assert.True(await ClaimOwnerCountAsync(server.ConnectionString) >= 2, "occurrences were claimed by more than one host (jobs created on one host reached the others)");
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static async Task<long> ClaimOwnerCountAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("SELECT count(DISTINCT owner) FROM exportjobs.claims");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
