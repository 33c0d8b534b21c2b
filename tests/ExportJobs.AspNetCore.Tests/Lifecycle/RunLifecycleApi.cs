using System.Net;
using System.Text.Json.Nodes;
using ExportJobs.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ExportJobs.AspNetCore.Tests.Lifecycle;

/// <summary>An <see cref="ApiHost"/> with a <see cref="GatedRecordSource"/> and the <see cref="GatedDestination"/>, and the calls the lifecycle tests make.</summary>
internal sealed class RunLifecycleApi : IAsyncDisposable
{
    public const long Records = 20_000;

    private readonly TempDirectory _spool;

    private RunLifecycleApi(ApiHost host, GatedRecordSource source, GatedDestination destination, TempDirectory spool)
    {
        _spool = spool;
        Host = host;
        Source = source;
        Destination = destination;
    }

    public ApiHost Host { get; }

    public GatedRecordSource Source { get; }

    public GatedDestination Destination { get; }

    public HttpClient Client => Host.Client;

    /// <summary>The spool files of runs in progress (the host's <c>SpoolDirectory</c>).</summary>
    public IReadOnlyList<string> SpoolFiles => Directory.Exists(_spool.Path) ? Directory.GetFiles(_spool.Path) : [];

    /// <param name="postgreSql">A PostgreSQL connection string to share with other hosts instead of the LiteDB file.</param>
    /// <param name="lease">The run lease (<c>RunLeaseDuration</c>); the default otherwise.</param>
    public static async Task<RunLifecycleApi> StartAsync(string? postgreSql = null, TimeSpan? lease = null)
    {
        var source = new GatedRecordSource(Records);
        var spool = new TempDirectory();
        var host = await ApiHost.StartAsync(exportJobs: b =>
        {
            b.Services.Configure<ExportJobsOptions>(o =>
            {
                o.SpoolDirectory = spool.Path;
                if (lease is { } duration)
                {
                    o.RunLeaseDuration = duration;
                }
            });
            if (postgreSql is not null)
            {
                b.UsePostgreSql(postgreSql);
            }

            b.Services.AddSingleton<Extensibility.IExportRecordSource>(source);
            b.AddDestination<GatedDestination>(GatedDestination.TypeName);
        });
        var destination = (GatedDestination)host.Services.GetRequiredKeyedService<Extensibility.IExportDestination>(GatedDestination.TypeName);
        return new RunLifecycleApi(host, source, destination, spool);
    }

    public async Task<string> CreateJobAsync(bool compress = false)
    {
        var job = await Client.CreateJobAsync(new JsonObject
        {
            ["name"] = "Products",
            ["destinationType"] = GatedDestination.TypeName,
            ["destinationConfig"] = new JsonObject(),
            ["format"] = "csv",
            ["schedule"] = "0 3 * * *",
            ["compress"] = compress,
        });
        return job["id"]!.GetValue<string>();
    }

    public async Task<string> TriggerAsync(string jobId)
    {
        var response = await Client.PostAsync($"/export-jobs/{jobId}/trigger", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.ReadJsonAsync())["id"]!.GetValue<string>();
    }

    public async Task<JsonObject> GetRunAsync(string jobId, string runId) =>
        (JsonObject)await (await Client.GetAsync($"/export-jobs/{jobId}/runs/{runId}")).ReadJsonAsync();

    /// <summary>Reads the run until <paramref name="condition"/> holds (bounded: 30 s), and returns that read.</summary>
    public async Task<JsonObject> WaitForRunAsync(string jobId, string runId, Func<JsonObject, bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        JsonObject run;
        while (!condition(run = await GetRunAsync(jobId, runId)))
        {
            if (timeout.IsCancellationRequested)
            {
                Assert.Fail($"Timed out waiting until {what}; last read: {run.ToJsonString()}");
            }

            await Task.Delay(20);
        }

        return run;
    }

    public Task<JsonObject> WaitUntilFinishedAsync(string jobId, string runId) =>
        WaitForRunAsync(jobId, runId, r => r["status"]!.GetValue<string>() != "running", "the run ended");

    public async ValueTask DisposeAsync()
    {
        Source.ReleaseAll();
        Destination.ReleasePublish.TrySetResult();
        Destination.ReleaseFinish.TrySetResult();
        await Host.DisposeAsync();
        _spool.Dispose();
    }
}
