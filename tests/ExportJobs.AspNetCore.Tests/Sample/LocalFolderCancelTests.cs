using System.Net;
using System.Text.Json.Nodes;
using ExportJobs.Testing;

namespace ExportJobs.AspNetCore.Tests.Sample;

/// <summary>
/// The sample's local-folder destination cancelled mid-upload: the run is held by the sample's
/// <c>Sample:HoldBeforePublish</c> seam after the file was moved to its temporary name next to the target and before
/// the rename that publishes it. A cancel then ends the run failed with the cancel reason, removes the temporary file
/// (nothing in the export root), leaves no spool file, is not retried and does not count towards auto-pause.
/// </summary>
public sealed class LocalFolderCancelTests : IDisposable
{
    private readonly TempDirectory _hold = new();
    private readonly SampleHost _host = new();

    public LocalFolderCancelTests()
    {
        _host.Settings["Sample:HoldBeforePublish"] = _hold.Path;
        _host.Settings["ExportJobs:AutoPauseAfterFailures"] = "1";
    }

    public void Dispose()
    {
        _host.Dispose();
        _hold.Dispose();
    }

    [Fact]
    public async Task CancelMidUpload_RunFailsWithTheReason_NothingInTheExportRoot_NoSpoolFile_NoRetry()
    {
        using var client = _host.CreateClient();
        var job = await client.CreateJobAsync(new JsonObject
        {
            ["name"] = "Products to a folder",
            ["destinationType"] = "local-folder",
            ["destinationConfig"] = new JsonObject { ["path"] = "daily" },
            ["format"] = "csv",
            ["schedule"] = "0 2 * * *",
            ["filenameTemplate"] = "products-{runId}.{format}",
        });
        var jobId = job["id"]!.GetValue<string>();
        var started = await client.PostAsync($"/export-jobs/{jobId}/trigger", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var runId = (await started.ReadJsonAsync())["id"]!.GetValue<string>();

        // The seam: the destination writes {runId}.held once the file sits under its temporary name, and waits there.
        await WaitUntilAsync(() => File.Exists(Path.Combine(_hold.Path, runId + ".held")), "the run is held before its rename");
        var partial = Directory.GetFiles(_host.ExportRoot, "*", SearchOption.AllDirectories);
        Assert.Equal([$"products-{runId}.csv.{runId}.partial"], partial.Select(Path.GetFileName));

        var cancel = await client.PostAsync($"/export-jobs/{jobId}/runs/{runId}/cancel", null);
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);

        JsonObject run = null!;
        await WaitUntilAsync(
            async () => (run = (await (await client.GetAsync($"/export-jobs/{jobId}/runs/{runId}")).ReadJsonAsync()).AsObject())["status"]!.GetValue<string>() != "running",
            "the run ended");
        Assert.Equal(("failed", true), (run["status"]!.GetValue<string>(), run["cancelled"]!.GetValue<bool>()));
        Assert.StartsWith("Cancelled on request", run["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_host.ExportRoot, "*", SearchOption.AllDirectories));
        Assert.Empty(_host.SpoolFilesLeft());
        Assert.Single((await (await client.GetAsync($"/export-jobs/{jobId}/runs")).ReadJsonAsync()).AsArray());
        var after = (await (await client.GetAsync($"/export-jobs/{jobId}")).ReadJsonAsync()).AsObject();
        Assert.Equal((true, null), (after["active"]!.GetValue<bool>(), after["pausedReason"]?.GetValue<string>()));
    }

    private static Task WaitUntilAsync(Func<bool> condition, string what) => WaitUntilAsync(() => Task.FromResult(condition()), what);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(50);
        }
    }
}
