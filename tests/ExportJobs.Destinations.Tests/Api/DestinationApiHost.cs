using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ExportJobs.Destinations.Tests.Infrastructure;
using ExportJobs.Extensibility;
using ExportJobs.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace ExportJobs.Destinations.Tests.Api;

/// <summary>
/// A real host on Kestrel at 127.0.0.1 as a PIM app would set it up: AddExportJobs() on a temp LiteDB file,
/// AddStandardDestinations(), MapExportJobs(); every log captured. Its configuration allows the loopback range the test
/// servers listen on (ExportJobs:Network:Allow:0 = 127.0.0.0/8), as a host with local receivers would.
/// </summary>
public sealed class DestinationApiHost : IAsyncDisposable
{
    /// <summary>How many records every run exports.</summary>
    public const long RecordCount = 2500;

    private readonly TempDirectory _folder = new();
    private WebApplication? _app;

    public CapturedLogs Logs { get; } = new();

    /// <summary>Names resolve only through it; connections are recorded and opened only to loopback.</summary>
    public TestNetwork Network { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    /// <summary>The folder of the LiteDB file.</summary>
    public string DatabaseFolder => _folder.Path;

    public static async Task<DestinationApiHost> StartAsync(Action<IExportJobsBuilder>? configure = null)
    {
        var host = new DestinationApiHost();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Trace).AddProvider(host.Logs);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(DestinationHarness.LoopbackAllowed);
        host.Network.AddTo(builder.Services);
        var exportJobs = builder.Services.AddExportJobs();
        configure?.Invoke(exportJobs);
        exportJobs
            .UseLiteDb($"Filename={host._folder.File("exportjobs.db")}")
            .AddStandardDestinations()
            .AddWebhookDestination(o =>
            {
                o.RetryBaseDelay = TimeSpan.FromMilliseconds(50);
            });
        builder.Services.TryAddSingleton<IExportRecordSource>(new GeneratedRecordSource(RecordCount));
        var app = builder.Build();
        app.MapExportJobs("/export-jobs");
        await app.StartAsync();
        host._app = app;
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        host.Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
        return host;
    }

    public Task<HttpResponseMessage> PostAsync(string url, JsonNode? body) =>
        Client.PostAsync(url, body is null ? null : new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

    public Task<HttpResponseMessage> PutAsync(string url, JsonNode body) =>
        Client.PutAsync(url, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

    public static async Task<JsonObject> ReadAsync(HttpResponseMessage response) =>
        (JsonObject)(await response.Content.ReadFromJsonAsync<JsonNode>())!;

    public static JsonObject Job(string type, JsonObject config, bool compress = false) => new()
    {
        ["name"] = $"Products to {type}",
        ["destinationType"] = type,
        ["destinationConfig"] = config,
        ["format"] = "csv",
        ["schedule"] = "0 3 * * *",
        ["compress"] = compress,
        ["filenameTemplate"] = "products-{runId}.{format}",
    };

    /// <summary>Triggers a run of the job and waits (at most 60 s) until it ends; returns the final run.</summary>
    public async Task<JsonObject> TriggerAndWaitAsync(string jobId)
    {
        var started = await PostAsync($"/export-jobs/{jobId}/trigger", null);
        Xunit.Assert.True(started.StatusCode == System.Net.HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync());
        var runId = (await ReadAsync(started))["id"]!.GetValue<string>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var run = await ReadAsync(await Client.GetAsync($"/export-jobs/{jobId}/runs/{runId}"));
            if (run["status"]!.GetValue<string>() != "running" || DateTime.UtcNow > deadline)
            {
                return run;
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _folder.Dispose();
    }
}
