using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ExportJobs.Running;
using ExportJobs.Testing;
using ExportJobs.Testing.PostgreSql;
using static ExportJobs.AspNetCore.Tests.SampleProcess.MultiHostSample;

namespace ExportJobs.AspNetCore.Tests.SampleProcess;

/// <summary>
/// Fencing with two real sample host processes on one PostgreSQL database (3 s lease): host A stops right before it
/// publishes (the sample's <c>Sample:HoldBeforePublish</c> seam) and is frozen there (SIGSTOP) past its lease; host B
/// fails the run; then A is released and thawed (SIGCONT). The run stays failed, A publishes nothing and logs that it
/// lost the run, and the job's next occurrence runs exactly once.
/// </summary>
public sealed class SampleFencingProcessTests
{
    private const int LeaseSeconds = 3;

    [Fact]
    public async Task HostFrozenBeforePublishPastItsLease_FailedByTheOther_PublishesNothing_NextOccurrenceRunsOnce()
    {
        using var folder = new TempDirectory();
        await using var server = await PostgreSqlServer.StartAsync();
        var holds = folder.File("holds");
        await using var a = await SampleProcess.StartAsync(Settings(folder, "a", server.ConnectionString, holds));
        await using var b = await SampleProcess.StartAsync(Settings(folder, "b", server.ConnectionString, hold: null));
        var response = await a.Client.PostAsJsonAsync("/export-jobs", new
        {
            name = "fenced",
            destinationType = "local-folder",
            destinationConfig = new { path = "fenced" },
            format = "csv",
            schedule = "0 3 1 1 *",
            filenameTemplate = "{runId}.{format}",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var job = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var jobId = job["id"]!.GetValue<string>();

        var trigger = await a.Client.PostAsync($"/export-jobs/{jobId}/trigger", null);
        Assert.Equal(HttpStatusCode.Accepted, trigger.StatusCode);
        var runId = (await trigger.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        await WaitUntilAsync(() => Task.FromResult(File.Exists(Path.Combine(holds, runId + ".held"))), TimeSpan.FromSeconds(60), "host A to reach its publish step");
        var owner = (await RunAsync(b, jobId, runId))["owner"]!.GetValue<string>();
        Assert.EndsWith(":" + a.ProcessId.ToString(CultureInfo.InvariantCulture), owner, StringComparison.Ordinal);

        await a.FreezeAsync();
        JsonObject failed;
        try
        {
            await WaitUntilAsync(async () => Status(await RunAsync(b, jobId, runId)) == "failed", TimeSpan.FromSeconds(30), "host B to fail the frozen host's run");
            failed = await RunAsync(b, jobId, runId);
            Assert.Equal(ExportRunErrors.LeaseExpired, failed["error"]!.GetValue<string>());
            await File.WriteAllTextAsync(Path.Combine(holds, runId + ".release"), "go");
        }
        finally
        {
            await a.ThawAsync();
        }

        await WaitUntilAsync(() => Task.FromResult(a.Output.Any(l => l.Contains($"lost export run {runId}", StringComparison.Ordinal))), TimeSpan.FromSeconds(30), "host A to log that it lost the run");
        var after = await RunAsync(a, jobId, runId);
        Assert.Equal(("failed", ExportRunErrors.LeaseExpired), (Status(after), after["error"]!.GetValue<string>()));
        Assert.Equal(failed["completedAt"]!.GetValue<DateTimeOffset>(), after["completedAt"]!.GetValue<DateTimeOffset>());
        var exportsOfA = Path.Combine(folder.File("a-exports"), "fenced");
        Assert.False(Directory.Exists(exportsOfA) && Directory.EnumerateFiles(exportsOfA, "*", SearchOption.AllDirectories).Any(), "host A published nothing (not even a .partial file)");
        Assert.False(File.Exists(Path.Combine(folder.File("a-spool"), runId + ".spool")), "host A removed its spool file");

        // The next occurrence: the job becomes minutely; whichever host claims it runs it once, and it is published once.
        await File.WriteAllTextAsync(Path.Combine(holds, "release-all"), "go");
        // Not in the last seconds of a minute: a PUT landing there makes that very minute the job's next occurrence, not
        // the one NextMinute(changedAt + 2 s) names, and it runs too (seen once in a loaded full suite: two files).
        await WaitUntilAsync(() => Task.FromResult(TimeProvider.System.GetUtcNow().Second < 50), TimeSpan.FromSeconds(15), "a moment at least 10 s before a minute");
        job["schedule"] = "* * * * *";
        var changedAt = TimeProvider.System.GetUtcNow();
        Assert.Equal(HttpStatusCode.OK, (await b.Client.PutAsJsonAsync($"/export-jobs/{jobId}", job)).StatusCode);
        var next = NextMinute(changedAt.AddSeconds(2));
        await WaitUntilAsync(
            async () => (await RunsAsync(b.Client, jobId)).Any(r => ScheduledAt(r) == next && Status(r) == "success"),
            next - TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(45),
            "the next occurrence to succeed");
        var ofNext = (await RunsAsync(a.Client, jobId)).Where(r => ScheduledAt(r) == next).ToList();
        var single = Assert.Single(ofNext);
        var published = new[] { "a", "b" }
            .Select(h => Path.Combine(folder.File($"{h}-exports"), "fenced"))
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories))
            .ToList();
        Assert.Equal([single["id"]!.GetValue<string>() + ".csv"], published.Select(Path.GetFileName));
    }

    private static async Task<JsonObject> RunAsync(SampleProcess host, string jobId, string runId) =>
        (await host.Client.GetFromJsonAsync<JsonObject>($"/export-jobs/{jobId}/runs/{runId}"))!;

    private static Dictionary<string, string> Settings(TempDirectory folder, string name, string connectionString, string? hold)
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:ExportJobs"] = connectionString,
            ["Sample:ExportRoot"] = folder.File($"{name}-exports"),
            ["Sample:SeedJobs"] = "false",
            ["Sample:ProductCount"] = "50",
            ["ExportJobs:SpoolDirectory"] = folder.File($"{name}-spool"),
            ["ExportJobs:RetryAttempts"] = "0",
            ["ExportJobs:RunLeaseDuration"] = TimeSpan.FromSeconds(LeaseSeconds).ToString("c", CultureInfo.InvariantCulture),
        };
        if (hold is not null)
        {
            settings["Sample:HoldBeforePublish"] = hold;
        }

        return settings;
    }
}
