using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace ExportJobs.AspNetCore.Tests;

/// <summary>The job's version over HTTP: <c>ETag</c> on job responses, <c>If-Match</c> on PUT, DELETE, pause and resume.</summary>
public sealed class JobVersionTests : ApiTestBase
{
    [Fact]
    public async Task JobResponses_CarryTheVersionAsETag_EachChangeMovesItOn()
    {
        var created = await Client.PostJsonAsync("/export-jobs", JobBodies.Valid());
        var id = (await created.ReadJsonAsync())["id"]!.GetValue<string>();
        Assert.Equal("\"1\"", created.Headers.ETag?.ToString());

        var get = await Client.GetAsync($"/export-jobs/{id}");
        Assert.Equal("\"1\"", get.Headers.ETag?.ToString());
        Assert.Equal(1, (await get.ReadJsonAsync())["version"]!.GetValue<long>());

        var put = await Client.PutJsonAsync($"/export-jobs/{id}", JobBodies.Valid("renamed"));
        Assert.Equal("\"2\"", put.Headers.ETag?.ToString());
        var pause = await Client.PostAsync($"/export-jobs/{id}/pause", null);
        Assert.Equal("\"3\"", pause.Headers.ETag?.ToString());
        var again = await Client.PostAsync($"/export-jobs/{id}/pause", null);
        Assert.Equal("\"3\"", again.Headers.ETag?.ToString());
        var resume = await Client.PostAsync($"/export-jobs/{id}/resume", null);
        Assert.Equal("\"4\"", resume.Headers.ETag?.ToString());
        Assert.Equal(4, (await resume.ReadJsonAsync())["version"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("pause")]
    [InlineData("resume")]
    public async Task StaleIfMatch_Is412WithTheCurrentETag_AndChangesNothing(string operation)
    {
        var id = (await Client.CreateJobAsync(JobBodies.Valid()))["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await Client.PostAsync($"/export-jobs/{id}/pause", null)).StatusCode); // version 2, paused
        var before = (await (await Client.GetAsync($"/export-jobs/{id}")).ReadJsonAsync()).ToJsonString();

        var response = await SendAsync(operation, id, "\"1\"");

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("\"2\"", response.Headers.ETag?.ToString());
        Assert.Contains("version 2", (await response.ReadJsonAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, (await (await Client.GetAsync($"/export-jobs/{id}")).ReadJsonAsync()).ToJsonString());
    }

    [Theory]
    [InlineData("PUT", HttpStatusCode.OK)]
    [InlineData("DELETE", HttpStatusCode.NoContent)]
    [InlineData("pause", HttpStatusCode.OK)]
    [InlineData("resume", HttpStatusCode.OK)]
    public async Task CurrentIfMatch_OrStar_IsApplied(string operation, HttpStatusCode expected)
    {
        var id = (await Client.CreateJobAsync(JobBodies.Valid()))["id"]!.GetValue<string>();
        if (operation == "resume")
        {
            Assert.Equal(HttpStatusCode.OK, (await SendAsync("pause", id, "\"1\"")).StatusCode);
        }

        var current = (await Client.GetAsync($"/export-jobs/{id}")).Headers.ETag!.ToString();
        Assert.Equal(expected, (await SendAsync(operation, id, current)).StatusCode);
        if (operation != "DELETE")
        {
            Assert.Equal(expected, (await SendAsync(operation == "PUT" ? "PUT" : operation == "pause" ? "resume" : "pause", id, "*")).StatusCode);
        }
    }

    [Theory]
    [InlineData("3")]
    [InlineData("\"1\", \"2\"")]
    [InlineData("\"unterminated")]
    public async Task MalformedIfMatch_Is400OnTheHeader(string ifMatch)
    {
        var id = (await Client.CreateJobAsync(JobBodies.Valid()))["id"]!.GetValue<string>();

        var response = await SendAsync("PUT", id, ifMatch);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadJsonAsync())["errors"]!["If-Match"]);
    }

    [Fact]
    public async Task WeakIfMatch_NeverMatches()
    {
        var id = (await Client.CreateJobAsync(JobBodies.Valid()))["id"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.PreconditionFailed, (await SendAsync("pause", id, "W/\"1\"")).StatusCode);
    }

    [Fact]
    public async Task Put_WithoutActive_KeepsAPausedJobPausedWithItsReason_WithActive_SetsIt()
    {
        var id = (await Client.CreateJobAsync(JobBodies.Valid()))["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await Client.PostAsync($"/export-jobs/{id}/pause", null)).StatusCode);
        var body = JobBodies.Valid("renamed");
        body.Remove("active");

        var kept = await (await Client.PutJsonAsync($"/export-jobs/{id}", body)).ReadJsonAsync();

        Assert.Equal("renamed", kept["name"]!.GetValue<string>());
        Assert.False(kept["active"]!.GetValue<bool>());
        Assert.Null(kept["nextRunAt"]);
        body["active"] = true;
        Assert.True((await (await Client.PutJsonAsync($"/export-jobs/{id}", body)).ReadJsonAsync())["active"]!.GetValue<bool>());
    }

    private Task<HttpResponseMessage> SendAsync(string operation, string id, string ifMatch)
    {
        var request = operation switch
        {
            "PUT" => new HttpRequestMessage(HttpMethod.Put, $"/export-jobs/{id}") { Content = new StringContent(JobBodies.Valid("changed").ToJsonString(), System.Text.Encoding.UTF8, "application/json") },
            "DELETE" => new HttpRequestMessage(HttpMethod.Delete, $"/export-jobs/{id}"),
            _ => new HttpRequestMessage(HttpMethod.Post, $"/export-jobs/{id}/{operation}"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return Client.SendAsync(request);
    }
}
