using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ExportJobs.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ExportJobs.AspNetCore.Tests.Dashboard;

/// <summary>The dashboard's page and embedded files over HTTP, on Kestrel at 127.0.0.1.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Disposed in DisposeAsync (IAsyncLifetime).")]
public sealed class DashboardEndpointsTests : IAsyncLifetime
{
    private readonly TempDirectory _folder = new();
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddExportJobs().UseLiteDb($"Filename={_folder.File("d.db")}").AddDestination<RecordingDestination>(RecordingDestination.TypeName);
        builder.Services.AddSingleton<ExportJobs.Extensibility.IExportRecordSource>(new GeneratedRecordSource(1));
        _app = builder.Build();
        _app.MapExportJobs("/api/exports");
        _app.MapExportJobsDashboard("/ops", o =>
        {
            o.ApiBasePath = "/api/exports";
            o.Title = "Exports <ops>";
        });
        await _app.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Page_CarriesTheApiPathAndEncodedTitle_WithAStrictContentSecurityPolicy()
    {
        using var response = await _client.GetAsync(new Uri("/ops", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("data-api-base=\"/api/exports\"", html, StringComparison.Ordinal);
        Assert.Contains("<title>Exports &lt;ops&gt;</title>", html, StringComparison.Ordinal);
        Assert.Contains("<script type=\"module\" src=\"/ops/app.js\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("app.js", "text/javascript")]
    [InlineData("api.js", "text/javascript")]
    [InlineData("ui.js", "text/javascript")]
    [InlineData("list.js", "text/javascript")]
    [InlineData("job.js", "text/javascript")]
    [InlineData("run.js", "text/javascript")]
    [InlineData("form.js", "text/javascript")]
    [InlineData("app.css", "text/css")]
    public async Task Assets_AreServedFromTheAssembly_WithETags(string file, string mediaType)
    {
        using var response = await _client.GetAsync(new Uri($"/ops/{file}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType!.MediaType);
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 500);

        using var again = new HttpRequestMessage(HttpMethod.Get, new Uri($"/ops/{file}", UriKind.Relative));
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        using var cached = await _client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, cached.StatusCode);
    }

    [Fact]
    public async Task EveryEmbeddedFile_IsServed_AndEveryModuleImport_IsAServedFile()
    {
        var embedded = typeof(ExportJobs.AspNetCore.Dashboard.DashboardAssets).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("ExportJobs.Dashboard.", StringComparison.Ordinal))
            .Select(n => n["ExportJobs.Dashboard.".Length..])
            .Where(n => n != "index.html")
            .ToList();
        Assert.Contains("app.js", embedded);
        var imports = new List<string>();
        foreach (var file in embedded)
        {
            using var response = await _client.GetAsync(new Uri($"/ops/{file}", UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"The embedded file {file} is not served (add it to DashboardAssets): {response.StatusCode}.");
            if (file.EndsWith(".js", StringComparison.Ordinal))
            {
                var script = await response.Content.ReadAsStringAsync();
                imports.AddRange(System.Text.RegularExpressions.Regex.Matches(script, "from \"\\./([^\"]+)\"").Select(m => m.Groups[1].Value));
            }
        }

        Assert.NotEmpty(imports);
        Assert.All(imports, i => Assert.Contains(i, embedded));
    }

    [Theory]
    [InlineData("nope.js")]
    [InlineData("index.html")]
    public async Task UnknownAsset_Is404(string file)
    {
        using var response = await _client.GetAsync(new Uri($"/ops/{file}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Schedule_ReturnsTheZoneAndFiveNextRuns()
    {
        using var created = await _client.PostAsJsonAsync(new Uri("/api/exports", UriKind.Relative), new JsonObject
        {
            ["name"] = "n",
            ["destinationType"] = RecordingDestination.TypeName,
            ["destinationConfig"] = new JsonObject { ["path"] = "x" },
            ["format"] = "csv",
            ["schedule"] = "30 6 * * 1",
            ["timeZone"] = "America/New_York",
        });
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();

        var schedule = (await _client.GetFromJsonAsync<JsonObject>(new Uri($"/api/exports/{id}/schedule", UriKind.Relative)))!;

        Assert.Equal("America/New_York", schedule["timeZone"]!.GetValue<string>());
        var runs = schedule["nextRuns"]!.AsArray().Select(n => DateTimeOffset.Parse(n!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(5, runs.Count);
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        Assert.All(runs, r => Assert.Equal((DayOfWeek.Monday, 6, 30), (TimeZoneInfo.ConvertTime(r, zone).DayOfWeek, TimeZoneInfo.ConvertTime(r, zone).Hour, TimeZoneInfo.ConvertTime(r, zone).Minute)));
        Assert.Equal(runs.Order(), runs);
    }
}
