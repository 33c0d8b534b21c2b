using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ExportJobs.Management;
using Microsoft.Extensions.DependencyInjection;

namespace ExportJobs.AspNetCore.Tests;

/// <summary>
/// Hundreds of concurrent PUT, pause and resume requests with <c>If-Match</c> on one job, while the scheduler's auto-pause
/// (<see cref="ExportJobManager.PauseAsync"/> with a reason, the call the scheduler makes) pauses it too: every
/// acknowledged write is a version of its own, and no write ever reverted a field another acknowledged write had set.
/// </summary>
public sealed class LostUpdateRaceTests : ApiTestBase
{
    private const int Clients = 8;
    private const int OperationsPerClient = 40;
    private const int AutoPauses = 60;

    [Fact]
    public async Task ConcurrentPutPauseResumeAndAutoPause_WithIfMatch_RevertNoAcknowledgedWrite()
    {
        var created = await Client.CreateJobAsync(JobBodies.Valid("race"));
        var id = created["id"]!.GetValue<string>();
        var acknowledged = new ConcurrentBag<Snapshot>([Snapshot.Of("create", created)]);
        var refused = 0;
        var manager = Host.Services.GetRequiredService<ExportJobManager>();

        var clients = Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
        {
            var random = new Random(c);
            for (var i = 0; i < OperationsPerClient; i++)
            {
                var read = await Client.GetAsync($"/export-jobs/{id}");
                Assert.Equal(HttpStatusCode.OK, read.StatusCode);
                var etag = read.Headers.ETag?.ToString() ?? throw new InvalidOperationException("GET /export-jobs/{id} has no ETag.");
                var operation = random.Next(3) switch { 0 => "PUT", 1 => "pause", _ => "resume" };
                using var request = operation == "PUT"
                    ? new HttpRequestMessage(HttpMethod.Put, $"/export-jobs/{id}") { Content = new StringContent(PutBody($"client {c} write {i}").ToJsonString(), System.Text.Encoding.UTF8, "application/json") }
                    : new HttpRequestMessage(HttpMethod.Post, $"/export-jobs/{id}/{operation}");
                request.Headers.TryAddWithoutValidation("If-Match", etag);
                using var response = await Client.SendAsync(request);
                if (response.StatusCode == HttpStatusCode.PreconditionFailed)
                {
                    Interlocked.Increment(ref refused);
                    continue;
                }

                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{operation}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                acknowledged.Add(Snapshot.Of(operation, (JsonObject)await response.ReadJsonAsync()));
            }
        }));
        var autoPause = Task.Run(async () =>
        {
            for (var i = 0; i < AutoPauses; i++)
            {
                var view = await manager.PauseAsync(id, $"auto-pause {i}");
                acknowledged.Add(Snapshot.Of("auto-pause", view!));
                await Task.Yield();
            }
        });
        await Task.WhenAll(clients.Append(autoPause)).WaitAsync(TimeSpan.FromSeconds(120));

        var final = Snapshot.Of("final", (JsonObject)await (await Client.GetAsync($"/export-jobs/{id}")).ReadJsonAsync());
        var byVersion = acknowledged.GroupBy(s => s.Version).OrderBy(g => g.Key).ToList();

        // Every version from 1 to the final one was produced by an acknowledged answer, and every answer that names a
        // version shows the same state (a no-op pause answers with the state of the write that made that version).
        Assert.Equal(Enumerable.Range(1, (int)final.Version).Select(v => (long)v), byVersion.Select(g => g.Key));
        foreach (var group in byVersion)
        {
            Assert.True(group.Select(s => s.State).Distinct().Count() == 1, $"version {group.Key} answered with different states: {string.Join(" | ", group.Select(s => $"{s.Operation}: {s.State}"))}");
        }

        // Each write changed only its own fields: a PUT (without 'active') the description, a pause or resume the active
        // state; so no write carried back a value another acknowledged write had replaced.
        for (var i = 1; i < byVersion.Count; i++)
        {
            var before = byVersion[i - 1].First();
            var after = byVersion[i].First();
            var descriptionChanged = before.Description != after.Description;
            var activeChanged = before.Active != after.Active;
            Assert.True(descriptionChanged ^ activeChanged, $"version {after.Version} changed {(descriptionChanged ? "description and active" : "nothing")}: {before.State} -> {after.State}");
        }

        var lastPut = acknowledged.Where(s => s.Operation == "PUT").MaxBy(s => s.Version);
        Assert.Equal(lastPut?.Description ?? "All products for the shop", final.Description);
        Assert.Equal(final.State, byVersion[^1].First().State);
        Assert.True(refused > 0 && acknowledged.Count(s => s.Operation == "PUT") > 10, $"the race was real: {refused} refused, {acknowledged.Count} acknowledged");
    }

    private static JsonObject PutBody(string description)
    {
        var body = JobBodies.Valid("race");
        body["description"] = description;
        body.Remove("active");
        return body;
    }

    private sealed record Snapshot(string Operation, long Version, string? Description, bool Active, string? PausedReason)
    {
        public string State => string.Create(CultureInfo.InvariantCulture, $"v{Version} '{Description}' active={Active} reason='{PausedReason}'");

        public static Snapshot Of(string operation, JsonObject job) => new(
            operation,
            job["version"]!.GetValue<long>(),
            job["description"]?.GetValue<string>(),
            job["active"]!.GetValue<bool>(),
            job["pausedReason"]?.GetValue<string>());

        public static Snapshot Of(string operation, ExportJobView view) =>
            new(operation, view.Job.Version, view.Job.Description, view.Job.Active, view.Job.PausedReason);
    }
}
