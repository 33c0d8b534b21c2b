using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ExportJobs.Extensibility;
using ExportJobs.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ExportJobs.AspNetCore.Tests.LargeOutputs;

/// <summary>
/// Through Kestrel: <c>skipEmpty</c> (an empty delta delivers nothing and says why) and <c>POST …/trigger</c> with
/// <c>{ "mode": "full" }</c> (a changes job once in full; the next changes run counts from it).
/// </summary>
public sealed class SkipEmptyAndFullTriggerTests
{
    private static readonly DateTimeOffset Old = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task SkipEmpty_EmptyDelta_DeliversNothing_AndSucceedsWithTheReason_ThenTheNextChangeIsDelivered()
    {
        var source = new ChangeFeedSource();
        source.Put("r-1", "Shoe", Old);
        source.Put("r-2", "Boot", Old);
        await using var host = await ApiHost.StartAsync(exportJobs: b => b.Services.AddSingleton<IExportRecordSource>(source));
        var id = await CreateChangesJobAsync(host, skipEmpty: true);

        var first = await HttpJson.TriggerAndWaitAsync(host.Client, id);
        var empty = await HttpJson.TriggerAndWaitAsync(host.Client, id);
        source.Put("r-3", "Sandal", DateTimeOffset.Parse(empty["startedAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).AddSeconds(1));
        var third = await HttpJson.TriggerAndWaitAsync(host.Client, id);

        Assert.True(first["status"]!.GetValue<string>() == "success", first["error"]?.ToString());
        Assert.Equal(2, first["recordCount"]!.GetValue<long>());
        Assert.Null(first["skipped"]);
        Assert.Equal("success", empty["status"]!.GetValue<string>());
        Assert.Equal(0, empty["recordCount"]!.GetValue<long>());
        Assert.Equal("no changes", empty["skipped"]!.GetValue<string>());
        Assert.True(empty.ContainsKey("fileSize") && empty.ContainsKey("destinationPath"), "the run keeps the seed's fields");
        Assert.Null(empty["fileSize"]);
        Assert.Null(empty["destinationPath"]);
        Assert.Null(empty["checksum"]);
        Assert.Null(empty["fileName"]);
        Assert.Equal(1, third["recordCount"]!.GetValue<long>());
        var recording = Recording(host);
        Assert.Equal(2, recording.Delivered.Count);
        Assert.Contains(recording.Delivered.Values, file => Encoding.UTF8.GetString(file).ReplaceLineEndings("\n") == "id,name\nr-3,Sandal\n");
        var stored = Assert.Single((JsonArray)await (await host.Client.GetAsync($"/export-jobs/{id}/runs?limit=3")).ReadJsonAsync(), r => r!["id"]!.GetValue<string>() == empty["id"]!.GetValue<string>());
        Assert.Equal("no changes", stored!["skipped"]!.GetValue<string>());
    }

    [Fact]
    public async Task WithoutSkipEmpty_EmptyDelta_StillDeliversAHeaderOnlyFile()
    {
        var source = new ChangeFeedSource();
        source.Put("r-1", "Shoe", Old);
        await using var host = await ApiHost.StartAsync(exportJobs: b => b.Services.AddSingleton<IExportRecordSource>(source));
        var id = await CreateChangesJobAsync(host, skipEmpty: false);

        await HttpJson.TriggerAndWaitAsync(host.Client, id);
        var empty = await HttpJson.TriggerAndWaitAsync(host.Client, id);

        Assert.Equal(("success", 0L), (empty["status"]!.GetValue<string>(), empty["recordCount"]!.GetValue<long>()));
        Assert.Null(empty["skipped"]);
        Assert.Equal("id,name\r\n".Length, empty["fileSize"]!.GetValue<long>()); // RFC 4180: CRLF
        Assert.Equal(2, Recording(host).Delivered.Count);
    }

    [Fact]
    public async Task TriggerWithModeFull_ExportsAChangesJobInFull_AndTheNextChangesRunCountsFromIt()
    {
        var source = new ChangeFeedSource();
        source.Put("r-1", "Shoe", Old);
        source.Put("r-2", "Boot", Old);
        await using var host = await ApiHost.StartAsync(exportJobs: b => b.Services.AddSingleton<IExportRecordSource>(source));
        var id = await CreateChangesJobAsync(host, skipEmpty: true);

        var first = await HttpJson.TriggerAndWaitAsync(host.Client, id);
        var full = await HttpJson.TriggerAndWaitAsync(host.Client, id, new JsonObject { ["mode"] = "full" });
        var next = await HttpJson.TriggerAndWaitAsync(host.Client, id);

        Assert.Equal(2, first["recordCount"]!.GetValue<long>());
        Assert.True(full["status"]!.GetValue<string>() == "success", full["error"]?.ToString());
        Assert.Equal(2, full["recordCount"]!.GetValue<long>());
        Assert.Equal("manual", full["trigger"]!.GetValue<string>());

        // Each run records the mode it ran in; the full one says so, in the run and in the job's history.
        Assert.Equal(["changes", "full", "changes"], new[] { first, full, next }.Select(r => r["mode"]!.GetValue<string>()));
        var history = (JsonArray)await (await host.Client.GetAsync($"/export-jobs/{id}/runs")).ReadJsonAsync();
        Assert.Equal("full", history.Single(r => r!["id"]!.GetValue<string>() == full["id"]!.GetValue<string>())!["mode"]!.GetValue<string>());
        Assert.Equal(("success", "no changes"), (next["status"]!.GetValue<string>(), next["skipped"]?.GetValue<string>()));
        var reads = source.Reads.ToArray();
        Assert.Equal(3, reads.Length);
        Assert.Null(reads[0]);
        Assert.Null(reads[1]);
        Assert.Equal(Instant(full["startedAt"]!), reads[2]);
        var job = (JsonObject)await (await host.Client.GetAsync($"/export-jobs/{id}")).ReadJsonAsync();
        Assert.Equal("changes", job["mode"]!.GetValue<string>());
    }

    [Fact]
    public async Task TriggerWithABadBody_IsAProblem_AndOpensNoRun()
    {
        await using var host = await ApiHost.StartAsync();
        var id = await CreateChangesJobAsync(host, skipEmpty: false);

        var badMode = await host.Client.PostJsonAsync($"/export-jobs/{id}/trigger", new JsonObject { ["mode"] = "weekly" });
        var notJson = await host.Client.PostAsync($"/export-jobs/{id}/trigger", new StringContent("mode=full", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.BadRequest, badMode.StatusCode);
        var problem = (JsonObject)await badMode.ReadJsonAsync();
        Assert.NotNull(problem["errors"]!["mode"]);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notJson.StatusCode);
        Assert.Empty((JsonArray)await (await host.Client.GetAsync($"/export-jobs/{id}/runs")).ReadJsonAsync());
    }

    private static DateTimeOffset Instant(JsonNode value) =>
        DateTimeOffset.Parse(value.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

    private static RecordingDestination Recording(ApiHost host) =>
        (RecordingDestination)host.Services.GetRequiredKeyedService<IExportDestination>(RecordingDestination.TypeName);

    private static async Task<string> CreateChangesJobAsync(ApiHost host, bool skipEmpty)
    {
        var body = JobBodies.Valid();
        body["compress"] = false;
        body["dimensionScope"] = null;
        body["schemaId"] = null;
        body["catalogId"] = null;
        body["mode"] = "changes";
        body["skipEmpty"] = skipEmpty;
        body["filenameTemplate"] = "delta-{runId}.csv";
        body["columns"] = new JsonArray { new JsonObject { ["source"] = "id" }, new JsonObject { ["source"] = "name" } };
        var job = await host.Client.CreateJobAsync(body);
        Assert.Equal(skipEmpty, job["skipEmpty"]!.GetValue<bool>());
        return job["id"]!.GetValue<string>();
    }
}
