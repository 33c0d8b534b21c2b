using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using ExportJobs.Extensibility;
using ExportJobs.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ExportJobs.AspNetCore.Tests.Profiles;

/// <summary>A job saved with a column that the record source stops naming later: its next run fails naming the column.</summary>
public sealed class VanishedColumnTests
{
    [Fact]
    public async Task Run_AfterTheColumnVanishedFromTheSource_FailsWithAnErrorNamingIt()
    {
        var source = new ChangingSource();
        await using var host = await ApiHost.StartAsync(exportJobs: b => b.Services.AddSingleton<IExportRecordSource>(source));
        var body = JobBodies.Valid();
        body["compress"] = false;
        body["dimensionScope"] = null;
        body["schemaId"] = null;
        body["catalogId"] = null;
        body["columns"] = new JsonArray { new JsonObject { ["source"] = "id" }, new JsonObject { ["source"] = "ean", ["header"] = "EAN" } };
        var job = await host.Client.CreateJobAsync(body);
        var id = job["id"]!.GetValue<string>();

        var first = await TriggerAndWaitAsync(host.Client, id);
        source.Codes = ["name"];
        var second = await TriggerAndWaitAsync(host.Client, id);

        Assert.True(first["status"]!.GetValue<string>() == "success", first["error"]?.ToString());
        var recording = host.Services.GetRequiredKeyedService<IExportDestination>(RecordingDestination.TypeName) as RecordingDestination;
        Assert.Equal("id,EAN\nr-1,4006381333931\n", Encoding.UTF8.GetString(Assert.Single(recording!.Delivered).Value).ReplaceLineEndings("\n"));
        Assert.Equal("failed", second["status"]!.GetValue<string>());
        Assert.Contains("'ean' (columns[1])", second["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("does not know", second["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static async Task<JsonObject> TriggerAndWaitAsync(HttpClient client, string id)
    {
        var response = await client.PostAsync($"/export-jobs/{id}/trigger", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var run = (JsonObject)await (await client.GetAsync(response.Headers.Location)).ReadJsonAsync();
            if (run["status"]!.GetValue<string>() != "running")
            {
                return run;
            }

            Assert.True(DateTime.UtcNow < deadline, "The run did not end within 30 s.");
            await Task.Delay(20);
        }
    }

    private sealed class ChangingSource : IExportRecordSource
    {
        public string[] Codes { get; set; } = ["name", "ean"];

        public ValueTask<IReadOnlyList<ExportColumn>> GetColumnsAsync(ExportScope scope, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<ExportColumn>>([.. Codes.Select(c => new ExportColumn(c))]);

        public async IAsyncEnumerable<ExportRecord> ReadRecordsAsync(ExportScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            yield return new ExportRecord { Id = "r-1", SchemaId = "s", Attributes = new Dictionary<string, object?> { ["name"] = "Shoe", ["ean"] = "4006381333931" } };
        }
    }
}
