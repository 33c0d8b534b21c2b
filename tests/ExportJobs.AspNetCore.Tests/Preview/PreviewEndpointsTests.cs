using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ExportJobs.AspNetCore.Tests.Preview;

/// <summary>The preview endpoints on the sample host (its demo PIM source and local-folder destination).</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Disposed in DisposeAsync (IAsyncLifetime).")]
public sealed class PreviewEndpointsTests : IAsyncLifetime
{
    private readonly SampleHost _host = new(new Dictionary<string, string?> { ["Sample:ProductCount"] = "100" });
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _host.StartServer();
        _client = _host.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task StoredJob_Preview_ReturnsFirstRowsFileNameAndNextRuns_AndWritesNothing()
    {
        using var created = await _client.PostAsJsonAsync(new Uri("/export-jobs", UriKind.Relative), Body("csv"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();

        var preview = (await _client.GetFromJsonAsync<JsonObject>(new Uri($"/export-jobs/{id}/preview?limit=3", UriKind.Relative)))!;

        Assert.Equal(3, preview["recordCount"]!.GetValue<int>());
        var lines = preview["content"]!.GetValue<string>().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("id,", lines[0], StringComparison.Ordinal);
        Assert.EndsWith(".csv", preview["fileName"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Europe/Berlin", preview["timeZone"]!.GetValue<string>());
        Assert.Equal(5, preview["nextRuns"]!.AsArray().Count);
        Assert.Empty((await _client.GetFromJsonAsync<JsonArray>(new Uri($"/export-jobs/{id}/runs", UriKind.Relative)))!);
        Assert.False(Directory.Exists(_host.Folder.File("exports")) && Directory.EnumerateFiles(_host.Folder.File("exports"), "*", SearchOption.AllDirectories).Any());
    }

    [Fact]
    public async Task UnsavedJob_Preview_SavesNothing()
    {
        using var response = await _client.PostAsJsonAsync(new Uri("/export-jobs/preview?limit=2", UriKind.Relative), Body("jsonl"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(2, preview["content"]!.GetValue<string>().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Empty((await _client.GetFromJsonAsync<JsonArray>(new Uri("/export-jobs", UriKind.Relative)))!);
    }

    [Fact]
    public async Task UnsavedJob_Invalid_ReportsEveryFieldError()
    {
        using var response = await _client.PostAsJsonAsync(new Uri("/export-jobs/preview?limit=0", UriKind.Relative), new JsonObject { ["format"] = "pdf", ["schedule"] = "nope" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        foreach (var field in new[] { "limit", "name", "destinationType", "format", "schedule" })
        {
            Assert.True(errors.ContainsKey(field), $"No error for '{field}': {errors.ToJsonString()}");
        }
    }

    [Fact]
    public async Task UnknownJob_Preview_Is404()
    {
        using var response = await _client.GetAsync(new Uri("/export-jobs/nope/preview", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static JsonObject Body(string format) => new()
    {
        ["name"] = "preview " + format,
        ["destinationType"] = "local-folder",
        ["destinationConfig"] = new JsonObject { ["path"] = "preview" },
        ["format"] = format,
        ["schedule"] = "0 2 * * *",
        ["timeZone"] = "Europe/Berlin",
    };
}
