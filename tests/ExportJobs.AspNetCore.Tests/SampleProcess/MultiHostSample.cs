using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ExportJobs.Testing;

namespace ExportJobs.AspNetCore.Tests.SampleProcess;

/// <summary>Sample host processes sharing one PostgreSQL database, and bounded polling of their HTTP API.</summary>
internal static class MultiHostSample
{
    public const int LeaseSeconds = 5;

    /// <summary>Starts a sample host on <paramref name="connectionString"/> (an Npgsql string: the sample uses UsePostgreSql).</summary>
    public static Task<SampleProcess> StartAsync(TempDirectory folder, string name, string connectionString, int productCount) =>
        SampleProcess.StartAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings:ExportJobs"] = connectionString,
            ["Sample:ExportRoot"] = folder.File($"{name}-exports"),
            ["Sample:SeedJobs"] = "false",
            ["Sample:ProductCount"] = productCount.ToString(CultureInfo.InvariantCulture),
            ["ExportJobs:SpoolDirectory"] = folder.File($"{name}-spool"),
            ["ExportJobs:RetryAttempts"] = "0",
            ["ExportJobs:RunLeaseDuration"] = TimeSpan.FromSeconds(LeaseSeconds).ToString("c", CultureInfo.InvariantCulture),
        });

    public static async Task<string> CreateMinutelyJobAsync(HttpClient client, string name)
    {
        var response = await client.PostAsJsonAsync("/export-jobs", new
        {
            name,
            destinationType = "local-folder",
            destinationConfig = new { path = name },
            format = "csv",
            schedule = "* * * * *",
            includeVariants = false,
            filenameTemplate = "{jobId}-{runId}.{format}",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    public static async Task<List<JsonObject>> RunsAsync(HttpClient client, string jobId) =>
        (await client.GetFromJsonAsync<JsonArray>($"/export-jobs/{jobId}/runs?limit=100"))!.OfType<JsonObject>().ToList();

    public static DateTimeOffset? ScheduledAt(JsonObject run) => run["scheduledAt"]?.GetValue<DateTimeOffset>();

    public static string Status(JsonObject run) => run["status"]!.GetValue<string>();

    /// <summary>Polls until <paramref name="condition"/> holds; fails with <paramref name="what"/> after <paramref name="bound"/>.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan bound, string what)
    {
        var deadline = TimeProvider.System.GetUtcNow() + bound;
        while (!await condition())
        {
            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"Waited {bound.TotalSeconds} s for {what}.");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>The first whole minute strictly after <paramref name="instant"/>.</summary>
    public static DateTimeOffset NextMinute(DateTimeOffset instant)
    {
        var floor = new DateTimeOffset(instant.UtcTicks - (instant.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
        return floor.AddMinutes(1);
    }
}
