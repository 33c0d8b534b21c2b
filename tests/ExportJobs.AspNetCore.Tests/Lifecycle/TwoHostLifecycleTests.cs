using System.Net;
using System.Text.Json.Nodes;
using ExportJobs.Testing.PostgreSql;

namespace ExportJobs.AspNetCore.Tests.Lifecycle;

/// <summary>
/// Two hosts through Kestrel on one PostgreSQL database with a 3 s lease (heartbeat every second): the host that does
/// not run a run shows its progress as of the last heartbeat, and a cancel sent to it stops the run on its owner.
/// </summary>
public sealed class TwoHostLifecycleTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task OtherHost_SeesRecordsWrittenRise_ThenCancelsTheRun_WithinARenewalInterval()
    {
        await using var server = await PostgreSqlServer.StartAsync();
        await using var owner = await RunLifecycleApi.StartAsync(server.ConnectionString, Lease);
        await using var other = await RunLifecycleApi.StartAsync(server.ConnectionString, Lease);
        var jobId = await owner.CreateJobAsync();
        var runId = await owner.TriggerAsync(jobId);

        var seen = new List<long>();
        foreach (var upTo in new long[] { 1000, 5000, 12_000 })
        {
            owner.Source.Release(upTo);
            var read = await other.WaitForRunAsync(jobId, runId, r => Records(r) >= upTo, $"the other host shows {upTo} records written");
            Assert.Equal("writer", read["progress"]!["stage"]!.GetValue<string>());
            seen.Add(Records(read));
        }

        Assert.Equal(3, seen.Distinct().Count());
        Assert.Equal(seen.Order(), seen);
        var listed = (JsonArray)await (await other.Client.GetAsync($"/export-jobs/{jobId}/runs")).ReadJsonAsync();
        Assert.True(Records(listed[0]!.AsObject()) >= 12_000);
        Assert.Equal(0, other.Source.Sent);

        var started = TimeProvider.System.GetUtcNow();
        var response = await other.Client.PostAsync($"/export-jobs/{jobId}/runs/{runId}/cancel", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True((await response.ReadJsonAsync())["cancelled"]!.GetValue<bool>());
        var finished = await owner.WaitUntilFinishedAsync(jobId, runId);
        var took = TimeProvider.System.GetUtcNow() - started;
        Assert.True(took < Lease, $"The cancel took {took.TotalSeconds:0.0} s to reach the owner (heartbeat every {Lease.TotalSeconds / 3:0.#} s).");
        Assert.Equal(("failed", true), (finished["status"]!.GetValue<string>(), finished["cancelled"]!.GetValue<bool>()));
        Assert.StartsWith("Cancelled on request by exporter", finished["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(finished["progress"]);
        Assert.Empty(owner.Destination.Published);
        Assert.Empty(owner.SpoolFiles);
        var seenOnOther = await other.GetRunAsync(jobId, runId);
        Assert.Equal(("failed", true), (seenOnOther["status"]!.GetValue<string>(), seenOnOther["cancelled"]!.GetValue<bool>()));

        var again = await other.Client.PostAsync($"/export-jobs/{jobId}/runs/{runId}/cancel", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    private static long Records(JsonObject run) => run["progress"]?["recordsWritten"]?.GetValue<long>() ?? -1;
}
