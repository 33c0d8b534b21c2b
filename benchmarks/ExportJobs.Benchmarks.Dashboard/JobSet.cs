using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ExportJobs.Benchmarks.Dashboard;

/// <summary>
/// The jobs the harness creates through the sample's API, deterministic for a count: one in ten failing (a failed
/// last run with an error), one in twenty running (a running run reported through the API, which stays running), one in
/// ten paused, a third of the rest with a successful last run. Schedules fire once a year (1 January), so no run starts
/// while the harness measures.
/// </summary>
internal sealed class JobSet
{
    private static readonly string[] Teams = ["Web shop", "Marketplace", "Print catalog", "ERP", "Data lake", "Partner feed", "Search index", "Analytics"];
    private static readonly string[] Formats = ["csv", "json", "jsonl", "xml", "tsv"];
    private static readonly string[] Zones = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo"];

    private JobSet(int count) => Count = count;

    public int Count { get; }

    public int Failing => Enumerable.Range(0, Count).Count(i => KindOf(i) == Kind.Failing);

    public int Running => Enumerable.Range(0, Count).Count(i => KindOf(i) == Kind.Running);

    public int Paused => Enumerable.Range(0, Count).Count(i => KindOf(i) == Kind.Paused);

    public static string NameOf(int i) => $"{Teams[i % Teams.Length]} products {i:D4} ({Formats[i % Formats.Length]})";

    /// <summary>Creates the jobs with 8 concurrent clients and gives them their statuses.</summary>
    public static async Task<JobSet> CreateAsync(HttpClient client, int count)
    {
        var next = -1;
        var workers = Enumerable.Range(0, 8).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await CreateOneAsync(client, i);
            }
        });
        await Task.WhenAll(workers);
        return new JobSet(count);
    }

    private enum Kind
    {
        Failing,
        Running,
        Paused,
        Succeeded,
        Never,
    }

    private static Kind KindOf(int i) => (i % 20) switch
    {
        0 or 10 => Kind.Failing,
        5 => Kind.Running,
        3 or 13 => Kind.Paused,
        _ when i % 3 == 0 => Kind.Succeeded,
        _ => Kind.Never,
    };

    private static async Task CreateOneAsync(HttpClient client, int i)
    {
        var body = new JsonObject
        {
            ["name"] = NameOf(i),
            ["description"] = $"Benchmark job {i} for the {Teams[i % Teams.Length]} team.",
            ["destinationType"] = "local-folder",
            ["destinationConfig"] = new JsonObject { ["path"] = $"bench/{i % 50}" },
            ["format"] = Formats[i % Formats.Length],
            ["schedule"] = $"{i % 60} {i % 24} 1 1 *",
            ["timeZone"] = Zones[i % Zones.Length],
            ["filenameTemplate"] = "products-{jobId}-{runId}.{format}",
        };
        var created = await client.PostAsJsonAsync("/export-jobs", body);
        Ensure(created, HttpStatusCode.Created, $"create job {i}");
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var started = DateTimeOffset.UtcNow.AddMinutes(-(i % 600)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        switch (KindOf(i))
        {
            case Kind.Failing:
                await ReportAsync(client, id, new JsonObject { ["status"] = "failed", ["startedAt"] = started, ["error"] = $"Upload refused: the bucket answered 403 AccessDenied for job {i:D4}." });
                break;
            case Kind.Running:
                await ReportAsync(client, id, new JsonObject { ["status"] = "running", ["startedAt"] = started });
                break;
            case Kind.Paused:
                Ensure(await client.PostAsync($"/export-jobs/{id}/pause", null), HttpStatusCode.OK, $"pause job {i}");
                break;
            case Kind.Succeeded:
                await ReportAsync(client, id, new JsonObject { ["status"] = "success", ["startedAt"] = started, ["recordCount"] = 300 + i, ["fileSize"] = 10_000 + i });
                break;
            case Kind.Never:
                break;
        }
    }

    private static async Task ReportAsync(HttpClient client, string id, JsonObject run) =>
        Ensure(await client.PostAsJsonAsync($"/export-jobs/{id}/runs", run), HttpStatusCode.Created, $"report a run of {id}");

    private static void Ensure(HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {response.Content.ReadAsStringAsync().Result}");
        }
    }
}
