using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ExportJobs.Running;
using ExportJobs.Testing;
using ExportJobs.Testing.PostgreSql;
using static ExportJobs.AspNetCore.Tests.SampleProcess.MultiHostSample;

namespace ExportJobs.AspNetCore.Tests.SampleProcess;

/// <summary>
/// Two real sample host processes on one PostgreSQL database: the one doing a long export is killed with SIGKILL; the
/// survivor marks that run failed once its lease expired, and the job's next occurrence runs (on the survivor).
/// </summary>
public sealed class SampleHostKilledProcessTests
{
    [Fact]
    public async Task HostKilledMidRun_OtherHostFailsRunWithinLease_NextOccurrenceRuns()
    {
        using var folder = new TempDirectory();
        await using var server = await PostgreSqlServer.StartAsync();
        await using var survivor = await StartAsync(folder, "survivor", server.ConnectionString, productCount: 20);
        await using var doomed = await StartAsync(folder, "doomed", server.ConnectionString, productCount: 50_000_000);
        var jobId = await CreateMinutelyJobAsync(survivor.Client, "slow");

        var trigger = await doomed.Client.PostAsync($"/export-jobs/{jobId}/trigger", null);
        Assert.Equal(HttpStatusCode.Accepted, trigger.StatusCode);
        var runId = (await trigger.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var spool = folder.File("doomed-spool");
        await WaitUntilAsync(
            () => Task.FromResult(Directory.Exists(spool) && Directory.EnumerateFiles(spool).Any(f => new FileInfo(f).Length > 0)),
            TimeSpan.FromSeconds(30),
            "the slow export to write its spool file");
        await Task.Delay(TimeSpan.FromSeconds(2)); // at least one heartbeat went out, so the lease was renewed before the kill
        await doomed.KillAsync();
        var killedAt = TimeProvider.System.GetUtcNow();

        JsonObject? run = null;
        await WaitUntilAsync(
            async () => Status(run = (await RunsAsync(survivor.Client, jobId)).Single(r => r["id"]!.GetValue<string>() == runId)) != "running",
            TimeSpan.FromSeconds(3 * LeaseSeconds),
            "the survivor to mark the killed host's run failed");
        var detectedAfter = TimeProvider.System.GetUtcNow() - killedAt;
        Assert.Equal("failed", Status(run!));
        Assert.Equal(ExportRunErrors.LeaseExpired, run!["error"]!.GetValue<string>());
        Assert.NotNull(run["completedAt"]);

        // Lease plus one sweep interval (a third of the lease) plus the polling step.
        Assert.InRange(detectedAfter, TimeSpan.Zero, TimeSpan.FromSeconds(LeaseSeconds + (LeaseSeconds / 3.0) + 1));

        await WaitUntilAsync(
            async () => (await RunsAsync(survivor.Client, jobId)).Any(r => ScheduledAt(r) > killedAt && Status(r) == "success"),
            TimeSpan.FromSeconds(75),
            "the next scheduled occurrence to run on the surviving host");
    }
}
