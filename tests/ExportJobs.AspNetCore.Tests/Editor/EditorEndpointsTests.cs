using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ExportJobs.AspNetCore.Tests.Editor;

/// <summary>
/// What a job editor asks the API: <c>GET /destination-types</c> (settings schemas), <c>GET /formats</c> and
/// <c>POST /schedule</c> (the next runs of an unsaved schedule), on a real host with the standard destinations and two plugins.
/// </summary>
public sealed class EditorEndpointsTests : IAsyncLifetime
{
    private ApiHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync(exportJobs: b => b
        .AddStandardDestinations()
        .AddDestination<SchemaDestination>(SchemaDestination.TypeName)
        .AddDestination<UnservedSchemaDestination>(UnservedSchemaDestination.TypeName));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task DestinationTypes_ListEveryTypeSorted_WithSchemaSecretsAndEndpoints()
    {
        var types = await GetArrayAsync("/export-jobs/destination-types");

        Assert.Equal(["azure-blob", "odd-schema", "recording", "s3", "sftp", "webhook", "with-schema"], types.Select(t => t!["name"]!.GetValue<string>()));
        var s3 = types.Single(t => t!["name"]!.GetValue<string>() == "s3")!;
        Assert.Equal("object", s3["settingsSchema"]!["type"]!.GetValue<string>());
        Assert.Equal(["bucket"], s3["settingsSchema"]!["required"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.True(s3["settingsSchema"]!["properties"]!["secretAccessKey"]!["writeOnly"]!.GetValue<bool>());
        Assert.Equal(["secretAccessKey", "sessionToken"], s3["secretSettings"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(["serviceUrl"], s3["endpointSettings"]!.AsArray().Select(n => n!.GetValue<string>()));
        foreach (var standard in new[] { "azure-blob", "sftp", "webhook" })
        {
            Assert.NotNull(types.Single(t => t!["name"]!.GetValue<string>() == standard)!["settingsSchema"]);
        }

        // A plugin without a schema (the editor shows JSON) lists null, not a missing member.
        var recording = types.Single(t => t!["name"]!.GetValue<string>() == "recording")!.AsObject();
        Assert.True(recording.ContainsKey("settingsSchema"));
        Assert.Null(recording["settingsSchema"]);
    }

    [Fact]
    public async Task DestinationTypes_MarkEverySecretWriteOnly_EvenWhenThePluginsSchemaDoesNot()
    {
        var types = await GetArrayAsync("/export-jobs/destination-types");

        var plugin = types.Single(t => t!["name"]!.GetValue<string>() == SchemaDestination.TypeName)!;
        Assert.True(plugin["settingsSchema"]!["properties"]!["apiKey"]!["writeOnly"]!.GetValue<bool>());
        Assert.Null(plugin["settingsSchema"]!["properties"]!["folder"]!["writeOnly"]);
        // The plugin's own object is not changed by serving it.
        var destination = _host.Services.GetRequiredKeyedService<ExportJobs.Extensibility.IExportDestination>(SchemaDestination.TypeName);
        Assert.Null(destination.SettingsSchema!["properties"]!["apiKey"]!["writeOnly"]);
    }

    [Fact]
    public async Task DestinationTypes_ASchemaOutsideTheSubset_IsServedAsNone_AndLoggedOnce()
    {
        await GetArrayAsync("/export-jobs/destination-types");
        var types = await GetArrayAsync("/export-jobs/destination-types");

        Assert.Null(types.Single(t => t!["name"]!.GetValue<string>() == UnservedSchemaDestination.TypeName)!["settingsSchema"]);
        var warnings = _host.Logs.Entries.Where(e => e.Level == LogLevel.Warning && e.Message.Contains("odd-schema", StringComparison.Ordinal)).ToList();
        var warning = Assert.Single(warnings);
        Assert.Contains("'oneOf'", warning.Message, StringComparison.Ordinal);
        Assert.Contains("'ratio'", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Formats_ListEveryFormat_WithContentType_AndXlsxRefusesCompression()
    {
        var formats = await GetArrayAsync("/export-jobs/formats");

        Assert.Equal(["csv", "json", "jsonl", "xlsx", "xml"], formats.Select(f => f!["name"]!.GetValue<string>()));
        var xlsx = formats.Single(f => f!["name"]!.GetValue<string>() == "xlsx")!;
        Assert.False(xlsx["supportsCompression"]!.GetValue<bool>());
        Assert.False(xlsx["isText"]!.GetValue<bool>());
        var csv = formats.Single(f => f!["name"]!.GetValue<string>() == "csv")!;
        Assert.True(csv["supportsCompression"]!.GetValue<bool>());
        Assert.StartsWith("text/csv", csv["contentType"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schedule_AnswersTheNextFiveRunsInTheZone_AsTheJobsScheduleDoes()
    {
        var job = await _host.Client.CreateJobAsync(JobBodies.Valid());
        var stored = (await _host.Client.GetFromJsonAsync<JsonObject>(new Uri($"/export-jobs/{job["id"]}/schedule", UriKind.Relative)))!;

        using var response = await _host.Client.PostJsonAsync("/export-jobs/schedule", new JsonObject { ["schedule"] = "0 2 * * *", ["timeZone"] = "Europe/Berlin" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = (JsonObject)await response.ReadJsonAsync();
        Assert.Equal("0 2 * * *", preview["schedule"]!.GetValue<string>());
        Assert.Equal("Europe/Berlin", preview["timeZone"]!.GetValue<string>());
        Assert.True(preview["active"]!.GetValue<bool>());
        var runs = preview["nextRuns"]!.AsArray().Select(n => DateTimeOffset.Parse(n!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(5, runs.Count);
        Assert.All(runs, r => Assert.Equal(2, TimeZoneInfo.ConvertTime(r, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).Hour));
        Assert.Equal(stored["nextRuns"]!.ToJsonString(), preview["nextRuns"]!.ToJsonString());
        Assert.Empty(await _host.Store.ListJobsAsync().ContinueWith(t => t.Result.Where(j => j.Id != job["id"]!.GetValue<string>()).ToList(), TaskScheduler.Default));
    }

    [Fact]
    public async Task Schedule_WithoutZone_UsesTheDefaultZone_AndMacrosWork()
    {
        using var response = await _host.Client.PostJsonAsync("/export-jobs/schedule", new JsonObject { ["schedule"] = "@hourly" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = await response.ReadJsonAsync();
        Assert.Equal("UTC", preview["timeZone"]!.GetValue<string>());
        var runs = preview["nextRuns"]!.AsArray().Select(n => DateTimeOffset.Parse(n!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.All(runs.Zip(runs.Skip(1)), p => Assert.Equal(TimeSpan.FromHours(1), p.Second - p.First));
    }

    [Fact]
    public async Task Schedule_BadCronAndBadZone_Are400_WithBothFieldErrorsAtOnce()
    {
        using var response = await _host.Client.PostJsonAsync("/export-jobs/schedule", new JsonObject { ["schedule"] = "61 * * * *", ["timeZone"] = "Mars/Olympus" });

        var errors = await ProblemErrorsAsync(response);
        Assert.Contains("schedule", errors.Select(e => e.Key));
        Assert.Contains("timeZone", errors.Select(e => e.Key));
    }

    [Theory]
    [InlineData("""{"schedule": 5}""", "schedule")]
    [InlineData("""{"schedule": "0 2 * * *", "timeZone": ["UTC"]}""", "timeZone")]
    [InlineData("""{"timeZone": "UTC"}""", "schedule")]
    [InlineData("""{"schedule": null}""", "schedule")]
    [InlineData("""{"schedule": "", "timeZone": "UTC"}""", "schedule")]
    [InlineData("""{"schedule": "0 2 * * *", "name": "x"}""", "name")]
    [InlineData("""{"schedule": "@every-second"}""", "schedule")]
    [InlineData("""{"schedule": "0 2 30 2 *"}""", "schedule")]
    public async Task Schedule_WrongTypesAndValues_Are400_UnderTheField(string body, string field)
    {
        using var response = await _host.Client.PostRawAsync("/export-jobs/schedule", body);

        Assert.Contains(field, (await ProblemErrorsAsync(response)).Select(e => e.Key));
    }

    [Theory]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("\"0 2 * * *\"")]
    [InlineData("""{"schedule": "0 2 * * *", "schedule": "0 3 * * *"}""")]
    [InlineData("""{"schedule": "\ud800"}""")]
    [InlineData("")]
    public async Task Schedule_BadJson_Is400Problem(string body)
    {
        using var response = await _host.Client.PostRawAsync("/export-jobs/schedule", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Schedule_HugeStrings_Are400_WithoutEchoingThem()
    {
        var huge = "0 2 * * * " + new string('1', 200_000);
        using var response = await _host.Client.PostJsonAsync("/export-jobs/schedule", new JsonObject { ["schedule"] = huge, ["timeZone"] = new string('Z', 100_000) });

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(text.Length < 2_000, $"The answer is {text.Length} characters long");
        var errors = JsonNode.Parse(text)!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("schedule") && errors.ContainsKey("timeZone"), text);

        // A long field name is not echoed either.
        using var named = await _host.Client.PostJsonAsync("/export-jobs/schedule", new JsonObject { ["schedule"] = "0 2 * * *", [new string('n', 100_000)] = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, named.StatusCode);
        Assert.True((await named.Content.ReadAsStringAsync()).Length < 2_000);
    }

    [Fact]
    public async Task Schedule_OversizedBody_Is413_AndNotJson_Is415()
    {
        using var large = await _host.Client.PostJsonAsync("/export-jobs/schedule", new JsonObject { ["schedule"] = new string('1', 2 * 1024 * 1024) });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);

        using var text = await _host.Client.PostAsync(new Uri("/export-jobs/schedule", UriKind.Relative), new StringContent("""{"schedule": "0 2 * * *"}""", System.Text.Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
    }

    [Fact]
    public async Task Job_WithAScheduleOverTheLimit_Is400_WithoutEchoingIt()
    {
        var body = JobBodies.Valid();
        body["schedule"] = "0 2 * * * " + new string('1', 5_000);

        using var response = await _host.Client.PostJsonAsync("/export-jobs", body);

        Assert.Contains("schedule", (await ProblemErrorsAsync(response)).Select(e => e.Key));
        Assert.DoesNotContain(new string('1', 1_000), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<JsonArray> GetArrayAsync(string url) =>
        (await _host.Client.GetFromJsonAsync<JsonArray>(new Uri(url, UriKind.Relative)))!;

    private static async Task<JsonObject> ProblemErrorsAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        return JsonNode.Parse(text)!["errors"]!.AsObject();
    }
}
