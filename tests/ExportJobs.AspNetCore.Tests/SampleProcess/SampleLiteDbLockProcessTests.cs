using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ExportJobs.Testing;

namespace ExportJobs.AspNetCore.Tests.SampleProcess;

/// <summary>
/// Two real sample host processes on one LiteDB file (what a rolling deploy that does not stop the old instance does):
/// the second waits for the file's lock, then exits non-zero naming the first one's process; everything the first
/// acknowledged is still there after it stopped.
/// </summary>
public sealed class SampleLiteDbLockProcessTests
{
    private const int RunCount = 30;

    [Fact]
    public async Task SecondHostOnSameFile_ExitsNonZeroNamingTheFirst_FirstHostsDataIntact()
    {
        using var folder = new TempDirectory();
        string jobId;
        await using (var first = await SampleProcess.StartAsync(Settings(folder, "first")))
        {
            jobId = await CreateJobWithRunsAsync(first.Client);

            var (exitCode, output) = await SampleProcess.RunUntilExitAsync(Settings(folder, "second"), TimeSpan.FromSeconds(30));

            Assert.True(exitCode != 0, $"the second host exited with 0; it wrote:{Environment.NewLine}{output}");
            Assert.Contains($"The LiteDB file '{folder.File("jobs.db")}' is in use by another process: process {first.ProcessId} ", output, StringComparison.Ordinal);
            Assert.DoesNotContain("Now listening on", output, StringComparison.Ordinal);
            Assert.Equal(RunCount, (await RunsAsync(first.Client, jobId)).Count);
        }

        await using var after = await SampleProcess.StartAsync(Settings(folder, "after"));
        var job = await after.Client.GetFromJsonAsync<JsonObject>($"/export-jobs/{jobId}");
        Assert.Equal("kept", job!["name"]!.GetValue<string>());
        Assert.Equal(RunCount, (await RunsAsync(after.Client, jobId)).Count);
    }

    private static Dictionary<string, string> Settings(TempDirectory folder, string name) => new()
    {
        ["ConnectionStrings:ExportJobs"] = $"Filename={folder.File("jobs.db")}",
        ["ExportJobs:LiteDb:LockTimeout"] = "00:00:02",
        ["Sample:ExportRoot"] = folder.File($"{name}-exports"),
        ["Sample:SeedJobs"] = "false",
        ["Sample:ProductCount"] = "10",
        ["ExportJobs:SpoolDirectory"] = folder.File($"{name}-spool"),
    };

    private static async Task<string> CreateJobWithRunsAsync(HttpClient client)
    {
        var created = await client.PostAsJsonAsync("/export-jobs", new
        {
            name = "kept",
            destinationType = "local-folder",
            destinationConfig = new { path = "kept" },
            format = "csv",
            schedule = "0 3 * * *",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var jobId = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        for (var i = 0; i < RunCount; i++)
        {
            var run = await client.PostAsJsonAsync($"/export-jobs/{jobId}/runs", new { status = "success", recordCount = i });
            Assert.True(run.StatusCode == HttpStatusCode.Created, $"run {i.ToString(CultureInfo.InvariantCulture)}: {await run.Content.ReadAsStringAsync()}");
        }

        return jobId;
    }

    private static async Task<List<JsonObject>> RunsAsync(HttpClient client, string jobId) =>
        (await client.GetFromJsonAsync<JsonArray>($"/export-jobs/{jobId}/runs?limit=100"))!.OfType<JsonObject>().ToList();
}
