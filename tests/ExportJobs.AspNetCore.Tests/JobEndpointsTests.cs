using System.Net;
using System.Text.Json.Nodes;

namespace ExportJobs.AspNetCore.Tests;

public sealed class JobEndpointsTests : ApiTestBase
{
    [Fact]
    public async Task Create_Returns201_WithLocation_AndTheJob()
    {
        var response = await Client.PostJsonAsync("/export-jobs", JobBodies.Valid());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var job = (JsonObject)await response.ReadJsonAsync();
        var id = job["id"]!.GetValue<string>();
        Assert.Equal($"/export-jobs/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal("Nightly products", job["name"]!.GetValue<string>());
        Assert.Equal("All products for the shop", job["description"]!.GetValue<string>());
        Assert.Equal("recording", job["destinationType"]!.GetValue<string>());
        Assert.Equal("exports/products", job["destinationConfig"]!["path"]!.GetValue<string>());
        Assert.Equal("csv", job["format"]!.GetValue<string>());
        Assert.Equal("schema-product", job["schemaId"]!.GetValue<string>());
        Assert.Equal("catalog-web", job["catalogId"]!.GetValue<string>());
        Assert.Equal("seg-en", job["dimensionScope"]!["dim-language"]!.GetValue<string>());
        Assert.Equal("0 2 * * *", job["schedule"]!.GetValue<string>());
        Assert.Equal("Europe/Berlin", job["timeZone"]!.GetValue<string>());
        Assert.True(job["includeVariants"]!.GetValue<bool>());
        Assert.True(job["compress"]!.GetValue<bool>());
        Assert.Equal("products-{date}.csv", job["filenameTemplate"]!.GetValue<string>());
        Assert.True(job["active"]!.GetValue<bool>());
        Assert.Equal("full", job["mode"]!.GetValue<string>());
        Assert.Null(job["lastRun"]);
        Assert.NotNull(job["createdAt"]);
        Assert.Equal(job["createdAt"]!.GetValue<string>(), job["updatedAt"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_ComputesNextRunAt_InTheJobsTimeZone()
    {
        var job = await Client.CreateJobAsync(JobBodies.Valid());

        var next = DateTimeOffset.Parse(job["nextRunAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        Assert.Equal(berlin.GetUtcOffset(next), next.Offset);
        Assert.Equal(2, next.Hour);
        Assert.Equal(0, next.Minute);
        Assert.InRange(next - DateTimeOffset.UtcNow, TimeSpan.Zero, TimeSpan.FromHours(24));
    }

    [Fact]
    public async Task Create_WithOnlyRequiredFields_UsesDocumentedDefaults()
    {
        var body = new JsonObject
        {
            ["name"] = "Minimal",
            ["destinationType"] = "recording",
            ["destinationConfig"] = new JsonObject { ["path"] = "out" },
            ["format"] = "json",
            ["schedule"] = "*/5 * * * *",
        };

        var job = await Client.CreateJobAsync(body);

        Assert.True(job["active"]!.GetValue<bool>());
        Assert.False(job["includeVariants"]!.GetValue<bool>());
        Assert.False(job["compress"]!.GetValue<bool>());
        Assert.Equal("{jobId}-{date}.{format}", job["filenameTemplate"]!.GetValue<string>());
        Assert.Null(job["description"]);
        Assert.Null(job["timeZone"]);
        Assert.EndsWith("+00:00", job["nextRunAt"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_Inactive_HasNoNextRun()
    {
        var body = JobBodies.Valid();
        body["active"] = false;

        var job = await Client.CreateJobAsync(body);

        Assert.False(job["active"]!.GetValue<bool>());
        Assert.Null(job["nextRunAt"]);
    }

    [Fact]
    public async Task Get_ReturnsTheJob_And404ForUnknown()
    {
        var created = await Client.CreateJobAsync(JobBodies.Valid());
        var id = created["id"]!.GetValue<string>();

        var found = await Client.GetAsync($"/export-jobs/{id}");
        var missing = await Client.GetAsync("/export-jobs/does-not-exist");

        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal(id, (await found.ReadJsonAsync())["id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);
        Assert.Equal(404, (await missing.ReadJsonAsync())["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task List_ReturnsEveryJob_OldestFirst()
    {
        var first = await Client.CreateJobAsync(JobBodies.Valid("first"));
        var second = await Client.CreateJobAsync(JobBodies.Valid("second"));

        var list = (JsonArray)await (await Client.GetAsync("/export-jobs")).ReadJsonAsync();

        Assert.Equal([first["id"]!.GetValue<string>(), second["id"]!.GetValue<string>()], list.Select(j => j!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task List_IsEmptyArray_WhenNoJobs()
    {
        var response = await Client.GetAsync("/export-jobs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty((JsonArray)await response.ReadJsonAsync());
    }

    [Fact]
    public async Task Put_ReplacesTheWholeObject()
    {
        var created = await Client.CreateJobAsync(JobBodies.Valid());
        var id = created["id"]!.GetValue<string>();
        var replacement = new JsonObject
        {
            ["name"] = "Renamed",
            ["destinationType"] = "recording",
            ["destinationConfig"] = new JsonObject { ["path"] = "other" },
            ["format"] = "xml",
            ["schedule"] = "30 * * * *",
        };

        var response = await Client.PutJsonAsync($"/export-jobs/{id}", replacement);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var job = await (await Client.GetAsync($"/export-jobs/{id}")).ReadJsonAsync();
        Assert.Equal("Renamed", job["name"]!.GetValue<string>());
        Assert.Equal("xml", job["format"]!.GetValue<string>());
        Assert.Null(job["description"]);
        Assert.Null(job["schemaId"]);
        Assert.Null(job["dimensionScope"]);
        Assert.Null(job["destinationConfig"]!["token"]);
        Assert.False(job["compress"]!.GetValue<bool>());
        Assert.Equal(created["createdAt"]!.GetValue<string>(), job["createdAt"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_AcceptsTheObjectAGetReturned()
    {
        var created = await Client.CreateJobAsync(JobBodies.Valid());
        var id = created["id"]!.GetValue<string>();
        created["name"] = "Edited after GET";

        var response = await Client.PutJsonAsync($"/export-jobs/{id}", created);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Edited after GET", (await response.ReadJsonAsync())["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_Unknown_Is404()
    {
        var response = await Client.PutJsonAsync("/export-jobs/nope", JobBodies.Valid());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Delete_Returns204_AndRemovesTheJobAndItsRuns()
    {
        var created = await Client.CreateJobAsync(JobBodies.Valid());
        var id = created["id"]!.GetValue<string>();
        await Client.PostJsonAsync($"/export-jobs/{id}/runs", new JsonObject { ["status"] = "success" });

        var deleted = await Client.DeleteAsync($"/export-jobs/{id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/export-jobs/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/export-jobs/{id}/runs")).StatusCode);
        Assert.Empty(await Host.Store.ListRunsAsync(id, 10));
        Assert.Equal(HttpStatusCode.NotFound, (await Client.DeleteAsync($"/export-jobs/{id}")).StatusCode);
    }
}
