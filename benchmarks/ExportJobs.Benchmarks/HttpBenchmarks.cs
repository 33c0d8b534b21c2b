using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ExportJobs.Benchmarks;

/// <summary>
/// The real endpoints (<c>MapExportJobs</c>) on Kestrel at 127.0.0.1 over the seeded LiteDB file, driven by HttpClient
/// in the same process: listing a job's 50 newest runs, and recording runs with several concurrent clients.
/// </summary>
internal static class HttpBenchmarks
{
    public static async Task RunAsync(string connectionString, RunDataset data, TimeSpan budget)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddExportJobs().UseLiteDb(connectionString);
        builder.Services.AddSingleton<ExportJobs.Extensibility.IExportRecordSource>(new ExportJobs.Testing.GeneratedRecordSource(0));
        await using var app = builder.Build();
        app.MapExportJobs("/export-jobs");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Console.WriteLine($"API listening on {address}");
        using var client = new HttpClient { BaseAddress = new Uri(address) };

        var first = await client.GetStringAsync(new Uri($"/export-jobs/{data.JobId(0)}/runs?limit=50", UriKind.Relative));
        Console.WriteLine($"GET /export-jobs/{data.JobId(0)}/runs?limit=50 -> {first.Length} bytes, {CountOccurrences(first, "\"jobId\"")} runs");

        var random = new Random(7);
        await Measurement.LatencyAsync(
            "cold: HTTP GET runs?limit=50, each job once",
            i => GetRunsAsync(client, data.JobId(i)),
            warmup: 0,
            samples: data.Jobs,
            budget);
        await Measurement.LatencyAsync(
            "warm: HTTP GET runs?limit=50, random job",
            _ => GetRunsAsync(client, data.JobId(random.Next(data.Jobs))),
            warmup: 200,
            samples: 5000,
            budget);

        var start = RunDataset.Start.AddYears(20);
        var next = 0;

        // The same recording without HTTP, through the manager the endpoint calls: what HTTP adds is the difference.
        var manager = app.Services.GetRequiredService<ExportJobs.Management.ExportJobManager>();
        await Measurement.RateAsync(
            "manager RecordRunAsync (no HTTP), 4 callers",
            4,
            async (_, _) =>
            {
                var n = Interlocked.Increment(ref next);
                var startedAt = start.AddMilliseconds(n);
                var result = await manager.RecordRunAsync(data.JobId(n % data.Jobs), new ExportJobs.Model.ExportRun { Id = string.Empty, JobId = string.Empty, Status = ExportJobs.Model.ExportRunStatus.Success, StartedAt = startedAt, CompletedAt = startedAt.AddSeconds(3), RecordCount = n, FileSize = n * 10L });
                if (result.Value is null)
                {
                    throw new InvalidOperationException("RecordRunAsync did not record the run.");
                }
            },
            maxOperations: 100_000,
            budget);
        await Measurement.LatencyAsync(
            "manager GetAsync(job) (no HTTP)",
            _ => manager.GetAsync(data.JobId(random.Next(data.Jobs))),
            warmup: 200,
            samples: 3000,
            budget);
        foreach (var clients in new[] { 4, 16 })
        {
            await Measurement.RateAsync(
                $"HTTP POST runs, {clients} concurrent clients",
                clients,
                async (_, _) =>
                {
                    var n = Interlocked.Increment(ref next);
                    var startedAt = start.AddMilliseconds(n);
                    var body = string.Create(CultureInfo.InvariantCulture, $$"""{"status":"success","startedAt":"{{startedAt:O}}","completedAt":"{{startedAt.AddSeconds(3):O}}","recordCount":{{n}},"fileSize":{{n * 10L}},"destinationPath":"s3://exports/{{n}}.csv"}""");
                    using var content = new StringContent(body, Encoding.UTF8, "application/json");
                    using var response = await client.PostAsync(new Uri($"/export-jobs/{data.JobId(n % data.Jobs)}/runs", UriKind.Relative), content);
                    if (response.StatusCode != HttpStatusCode.Created)
                    {
                        throw new InvalidOperationException($"POST answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                    }
                },
                maxOperations: 200_000,
                budget);
        }

        await app.StopAsync();
    }

    private static async Task GetRunsAsync(HttpClient client, string jobId)
    {
        using var response = await client.GetAsync(new Uri($"/export-jobs/{jobId}/runs?limit=50", UriKind.Relative));
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET answered {(int)response.StatusCode}.");
        }

        _ = await response.Content.ReadAsByteArrayAsync();
    }

    private static int CountOccurrences(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
