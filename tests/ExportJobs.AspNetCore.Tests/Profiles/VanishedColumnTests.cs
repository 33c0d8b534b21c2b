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

        var first = await host.Client.TriggerAndWaitAsync(id);
        source.Codes = ["name"];
        var second = await host.Client.TriggerAndWaitAsync(id);

        Assert.True(first["status"]!.GetValue<string>() == "success", first["error"]?.ToString());
        var recording = host.Services.GetRequiredKeyedService<IExportDestination>(RecordingDestination.TypeName) as RecordingDestination;
        Assert.Equal("id,EAN\nr-1,4006381333931\n", Encoding.UTF8.GetString(Assert.Single(recording!.Delivered).Value).ReplaceLineEndings("\n"));
        Assert.Equal("failed", second["status"]!.GetValue<string>());
        Assert.Contains("'ean' (columns[1])", second["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("does not know", second["error"]!.GetValue<string>(), StringComparison.Ordinal);
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
