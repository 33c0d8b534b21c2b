using System.Net;
using System.Text.Json.Nodes;

namespace ExportJobs.AspNetCore.Tests;

/// <summary>Runs reported through the API: every nonsense field is a 400 naming it, errors are scrubbed, and a running run is completed with PATCH.</summary>
public sealed class ExternalRunTests : ApiTestBase
{
    private const string Checksum = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    [Fact]
    public async Task Report_EveryNonsenseField_IsNamedAtOnce()
    {
        var id = await CreateJobAsync();
        var body = new JsonObject
        {
            ["status"] = "success",
            ["startedAt"] = "2099-01-01T00:00:00Z",
            ["completedAt"] = "2098-12-31T00:00:00Z",
            ["scheduledAt"] = "1/2/2026",
            ["attempt"] = 0,
            ["checksum"] = "not-a-sha256",
            ["error"] = new string('e', 8001),
            ["destinationPath"] = new string('p', 2049),
            ["fileName"] = new string('f', 1025),
        };

        var errors = await PostInvalidAsync(id, body);

        Assert.Equal(["attempt", "checksum", "completedAt", "destinationPath", "error", "fileName", "scheduledAt", "startedAt"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Empty(await Host.Store.ListRunsAsync(id, 10));
    }

    [Theory]
    [InlineData("startedAt", "1/2/2026")]
    [InlineData("startedAt", "2026-01-02T03:04:05")]
    [InlineData("startedAt", "2026-01-02")]
    [InlineData("startedAt", "2026-01-02T03:04:05 +01:00")]
    [InlineData("completedAt", "Fri, 02 Jan 2026 03:04:05 GMT")]
    [InlineData("checksum", "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A0")]
    [InlineData("checksum", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\n")]
    [InlineData("completedAt", "2099-01-01T00:00:00Z")]
    public async Task Report_OneBadField_Is400OnThatField(string field, string value)
    {
        var id = await CreateJobAsync();
        var body = new JsonObject { ["status"] = "failed", ["startedAt"] = "2026-01-02T03:04:05Z", [field] = value };

        var errors = await PostInvalidAsync(id, body);

        Assert.Equal([field], errors.Keys);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public async Task Report_AttemptBelowOne_Is400(int attempt)
    {
        var id = await CreateJobAsync();

        var errors = await PostInvalidAsync(id, new JsonObject { ["status"] = "success", ["attempt"] = attempt });

        Assert.Equal(["attempt"], errors.Keys);
    }

    [Fact]
    public async Task Report_FutureStart_WithDefaultCompletion_IsCheckedAfterTheDefaultsAreIn()
    {
        var id = await CreateJobAsync();

        // completedAt defaults to now (before the future start); the start is what is wrong, so only it is named.
        var errors = await PostInvalidAsync(id, new JsonObject { ["status"] = "success", ["startedAt"] = DateTimeOffset.UtcNow.AddHours(1).ToString("O") });

        Assert.Equal(["startedAt"], errors.Keys);
    }

    [Fact]
    public async Task Report_SmallClockSkew_UppercaseChecksum_AndOffsets_AreAccepted()
    {
        var id = await CreateJobAsync();
        var start = DateTimeOffset.UtcNow.AddMinutes(1).ToOffset(TimeSpan.FromHours(-5));

        var response = await Client.PostJsonAsync($"/export-jobs/{id}/runs", new JsonObject
        {
            ["status"] = "running",
            ["startedAt"] = start.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture),
            ["checksum"] = Checksum.ToUpperInvariant(),
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(Checksum, (await response.ReadJsonAsync())["checksum"]!.GetValue<string>());
    }

    [Fact]
    public async Task ReportedError_IsScrubbedOfTheJobsSecrets_OnPostAndPatch()
    {
        var id = await CreateJobAsync();
        var secret = JobBodies.Valid()["destinationConfig"]!["token"]!.GetValue<string>();

        var posted = await Client.PostJsonAsync($"/export-jobs/{id}/runs", new JsonObject { ["status"] = "failed", ["error"] = $"upload refused for token {secret}" });
        var running = await (await Client.PostJsonAsync($"/export-jobs/{id}/runs", new JsonObject { ["status"] = "running" })).ReadJsonAsync();
        var patched = await Client.PatchAsync($"/export-jobs/{id}/runs/{running["id"]}", Json(new JsonObject { ["status"] = "failed", ["error"] = $"auth {secret} expired" }));

        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var runs = await (await Client.GetAsync($"/export-jobs/{id}/runs")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(secret, runs, StringComparison.Ordinal);
        Assert.Contains("upload refused for token ********", runs, StringComparison.Ordinal);
        Assert.Contains("auth ******** expired", runs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Patch_CompletesARunningRun_OnceOnly()
    {
        var id = await CreateJobAsync();
        var running = await (await Client.PostJsonAsync($"/export-jobs/{id}/runs", new JsonObject { ["status"] = "running", ["fileName"] = "a.csv" })).ReadJsonAsync();
        var url = $"/export-jobs/{id}/runs/{running["id"]}";

        var completed = await Client.PatchAsync(url, Json(new JsonObject { ["status"] = "success", ["recordCount"] = 12, ["fileSize"] = 345, ["checksum"] = Checksum }));
        var again = await Client.PatchAsync(url, Json(new JsonObject { ["status"] = "failed" }));

        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        var run = await completed.ReadJsonAsync();
        Assert.Equal("success", run["status"]!.GetValue<string>());
        Assert.Equal(12, run["recordCount"]!.GetValue<long>());
        Assert.Equal("a.csv", run["fileName"]!.GetValue<string>());
        Assert.NotNull(run["completedAt"]);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType!.MediaType);
        Assert.Equal("success", (await (await Client.GetAsync(url)).ReadJsonAsync())["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Patch_BadTransitionsAndFields_Are400_UnknownIds404()
    {
        var id = await CreateJobAsync();
        var running = await (await Client.PostJsonAsync($"/export-jobs/{id}/runs", new JsonObject { ["status"] = "running", ["startedAt"] = "2026-01-02T00:00:00Z" })).ReadJsonAsync();
        var url = $"/export-jobs/{id}/runs/{running["id"]}";

        var stillRunning = await Client.PatchAsync(url, Json(new JsonObject { ["status"] = "running" }));
        var bad = await Client.PatchAsync(url, Json(new JsonObject { ["status"] = "success", ["startedAt"] = "2026-01-01T00:00:00Z", ["attempt"] = 2, ["checksum"] = "x", ["error"] = new string('e', 8001) }));
        var backwards = await Client.PatchAsync(url, Json(new JsonObject { ["status"] = "success", ["completedAt"] = "2026-01-01T00:00:00Z" }));
        var unknownRun = await Client.PatchAsync($"/export-jobs/{id}/runs/nope", Json(new JsonObject { ["status"] = "success" }));
        var unknownJob = await Client.PatchAsync($"/export-jobs/nope/runs/{running["id"]}", Json(new JsonObject { ["status"] = "success" }));

        Assert.Equal(HttpStatusCode.BadRequest, stillRunning.StatusCode);
        Assert.Equal(["status"], (await stillRunning.ReadJsonAsync())["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["attempt", "checksum", "error", "startedAt"], (await bad.ReadJsonAsync())["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Equal(["completedAt"], (await backwards.ReadJsonAsync())["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(HttpStatusCode.NotFound, unknownRun.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownJob.StatusCode);
        Assert.Equal("running", (await (await Client.GetAsync(url)).ReadJsonAsync())["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Patch_ALibraryRun_Is409()
    {
        var id = await CreateJobAsync();
        var run = new Model.ExportRun { Id = "library-run", JobId = id, Status = Model.ExportRunStatus.Running, StartedAt = DateTimeOffset.UtcNow, Trigger = Model.ExportRunTrigger.Schedule };
        await Host.Store.CreateRunAsync(run);

        var response = await Client.PatchAsync($"/export-jobs/{id}/runs/library-run", Json(new JsonObject { ["status"] = "success" }));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    private static StringContent Json(JsonObject body) => new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");

    private async Task<Dictionary<string, JsonNode?>> PostInvalidAsync(string id, JsonObject body)
    {
        var response = await Client.PostJsonAsync($"/export-jobs/{id}/runs", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!["errors"]!.AsObject().ToDictionary(e => e.Key, e => e.Value);
    }

    private async Task<string> CreateJobAsync() =>
        (await Client.CreateJobAsync(JobBodies.Valid()))["id"]!.GetValue<string>();
}
