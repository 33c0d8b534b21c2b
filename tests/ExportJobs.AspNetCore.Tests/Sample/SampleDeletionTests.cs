using System.Net;
using System.Text.Json.Nodes;
using ExportJobs.Testing;

namespace ExportJobs.AspNetCore.Tests.Sample;

/// <summary>
/// Through the sample over HTTP: delete a record of the demo PIM (<c>DELETE /demo/records/{index}</c>), run the
/// <c>changes</c> job, and read its tombstone (<c>op: delete</c>) back in csv, jsonl and xml.
/// </summary>
public sealed class SampleDeletionTests
{
    [Theory]
    [InlineData("csv")]
    [InlineData("jsonl")]
    [InlineData("xml")]
    public async Task DeletedRecord_IsATombstoneInTheNextChangesRun(string format)
    {
        // A host of its own: deleting a demo record must not change what the other sample tests export.
        using var host = new SampleHost();
        using var client = host.CreateClient();
        var (job, first) = await host.TriggerAndWaitAsync(client, new JsonObject
        {
            ["name"] = $"delta {format}",
            ["destinationType"] = "local-folder",
            ["destinationConfig"] = new JsonObject { ["path"] = $"delta/{format}" },
            ["format"] = format,
            ["schedule"] = "0 2 * * *",
            ["mode"] = "changes",
            ["includeVariants"] = true,
            ["filenameTemplate"] = "delta-{runId}.{format}",
        });
        var id = job["id"]!.GetValue<string>();

        var deleted = await client.DeleteAsync("/demo/records/7");
        Assert.True(deleted.StatusCode == HttpStatusCode.NoContent, $"DELETE /demo/records/7: {(int)deleted.StatusCode} {await deleted.Content.ReadAsStringAsync()}");
        var touched = await client.PostAsync("/demo/records/9/touch", null);
        Assert.True(touched.StatusCode == HttpStatusCode.NoContent, $"touch: {(int)touched.StatusCode} {await touched.Content.ReadAsStringAsync()}");
        var second = await HttpJson.TriggerAndWaitAsync(client, id);

        Assert.True(first["status"]!.GetValue<string>() == "success", first.ToJsonString());
        var all = OutputReaders.Read(format, first["destinationPath"]!.GetValue<string>());
        Assert.True(all.Count == SampleHost.ProductCount, $"{all.Count} records in the first run: {first.ToJsonString()}");
        Assert.All(all, r => Assert.Equal("upsert", r["op"]!.GetValue<string>()));
        Assert.True(second["status"]!.GetValue<string>() == "success", second.ToJsonString());
        Assert.True(second["recordCount"]!.GetValue<long>() == 2, second.ToJsonString());
        var rows = OutputReaders.Read(format, second["destinationPath"]!.GetValue<string>());
        Assert.Equal([("p-0000007", "delete"), ("p-0000009", "upsert")], rows.Select(r => (r["id"]!.GetValue<string>(), r["op"]!.GetValue<string>())));
        Assert.Equal("p-0000006", rows[0]["parentId"]!.GetValue<string>());
        Assert.True(rows[0]["sku"] is null || rows[0]["sku"]!.GetValue<string>().Length == 0, "a tombstone has no attribute values");
        Assert.False(string.IsNullOrEmpty(rows[1]["sku"]?.GetValue<string>()));

        // The deleted record is gone from full exports too.
        var full = await HttpJson.TriggerAndWaitAsync(client, id, new JsonObject { ["mode"] = "full" });
        Assert.Equal(SampleHost.ProductCount - 1, full["recordCount"]!.GetValue<long>());
    }
}
