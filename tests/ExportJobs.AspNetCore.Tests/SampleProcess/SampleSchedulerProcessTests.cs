using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ExportJobs.Running;
using ExportJobs.Testing;

namespace ExportJobs.AspNetCore.Tests.SampleProcess;

/// <summary>
/// The scheduler with the real clock in the real sample host process: a host killed with SIGKILL in the middle of a long
/// export, restarted on the same LiteDB file, records that run as interrupted, leaves no partial file, and runs the job's
/// next minute occurrences within a second of the minute boundary.
/// </summary>
public sealed class SampleSchedulerProcessTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(75);

    [Fact]
    public async Task KilledMidExport_RunIsInterrupted_NoPartialFile_NextOccurrenceStartsWithinOneSecond()
    {
        using var folder = new TempDirectory();
        var exports = folder.File("exports");
        var spool = folder.File("spool");
        string jobId;
        string runId;
        await using (var first = await SampleProcess.StartAsync(Settings(folder, exports, spool, productCount: 50_000_000)))
        {
            jobId = await CreateMinutelyJobAsync(first.Client);
            var trigger = await first.Client.PostAsync($"/export-jobs/{jobId}/trigger", null);
            Assert.Equal(HttpStatusCode.Accepted, trigger.StatusCode);
            runId = (await trigger.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
            var spoolFile = new FileInfo(Path.Combine(spool, $"{runId}.spool"));
            await WaitUntilAsync(() => { spoolFile.Refresh(); return spoolFile.Exists && spoolFile.Length > 0; }, "the export to write its spool file");

            await first.KillAsync();
        }

        var restartedAt = TimeProvider.System.GetUtcNow();
        await using var second = await SampleProcess.StartAsync(Settings(folder, exports, spool, productCount: 100));
        var interrupted = await GetRunAsync(second.Client, jobId, runId);
        Assert.Equal("failed", interrupted["status"]!.GetValue<string>());
        Assert.Equal(ExportRunErrors.Interrupted, interrupted["error"]!.GetValue<string>());
        Assert.NotNull(interrupted["completedAt"]);
        // Only the killed run's file counts: the restarted host may already have exported a (complete) misfired occurrence.
        Assert.False(Directory.Exists(exports) && Directory.EnumerateFiles(exports, $"{runId}*", SearchOption.AllDirectories).Any(), "no partial export file of the killed run at the destination");
        Assert.False(File.Exists(Path.Combine(spool, $"{runId}.spool")), "no leftover spool file of the killed run");

        // The first minute boundary after the restart (one missed while the host was down may also run, late, as a misfire).
        var scheduled = new List<JsonObject>();
        await WaitUntilAsync(
            async () => (scheduled = await ScheduledRunsAsync(second.Client, jobId, restartedAt)).Any(r => r["status"]!.GetValue<string>() == "success"),
            "the first scheduled run after the restart",
            async () => (await second.Client.GetStringAsync($"/export-jobs/{jobId}/runs?limit=100")));
        var next = scheduled[0];
        var lateness = next["startedAt"]!.GetValue<DateTimeOffset>() - next["scheduledAt"]!.GetValue<DateTimeOffset>();
        Assert.InRange(lateness, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        Assert.Equal(0, next["scheduledAt"]!.GetValue<DateTimeOffset>().Second);
    }

    private static Dictionary<string, string> Settings(TempDirectory folder, string exports, string spool, int productCount) => new()
    {
        ["ConnectionStrings:ExportJobs"] = $"Filename={folder.File("jobs.db")}",
        ["Sample:ExportRoot"] = exports,
        ["Sample:SeedJobs"] = "false",
        ["Sample:ProductCount"] = productCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["ExportJobs:SpoolDirectory"] = spool,
        ["ExportJobs:RetryAttempts"] = "0",
    };

    private static async Task<string> CreateMinutelyJobAsync(HttpClient client)
    {
        var response = await client.PostAsJsonAsync("/export-jobs", new
        {
            name = "every minute",
            destinationType = "local-folder",
            destinationConfig = new { path = "minutely" },
            format = "csv",
            schedule = "* * * * *",
            includeVariants = true,
            filenameTemplate = "{runId}.{format}",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    private static async Task<JsonObject> GetRunAsync(HttpClient client, string jobId, string runId)
    {
        var runs = await client.GetFromJsonAsync<JsonArray>($"/export-jobs/{jobId}/runs?limit=100");
        return runs!.OfType<JsonObject>().Single(r => r["id"]!.GetValue<string>() == runId);
    }

    private static async Task<List<JsonObject>> ScheduledRunsAsync(HttpClient client, string jobId, DateTimeOffset after)
    {
        var runs = await client.GetFromJsonAsync<JsonArray>($"/export-jobs/{jobId}/runs?limit=100");
        return runs!.OfType<JsonObject>()
            .Where(r => r["trigger"]?.GetValue<string>() == "schedule" && r["scheduledAt"]!.GetValue<DateTimeOffset>() > after)
            .Reverse()
            .ToList();
    }

    private static Task WaitUntilAsync(Func<bool> condition, string what) => WaitUntilAsync(() => Task.FromResult(condition()), what, () => Task.FromResult(string.Empty));

    /// <summary>Polls a real process's observable state (files, HTTP) until <paramref name="condition"/> holds, at most <see cref="Bound"/>.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, Func<Task<string>> state)
    {
        var deadline = TimeProvider.System.GetUtcNow() + Bound;
        while (!await condition())
        {
            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"Waited {Bound.TotalSeconds} s for {what}. {await state()}");
            }

            await Task.Delay(100);
        }
    }
}
