using System.Net;
using System.Text.Json.Nodes;

namespace ExportJobs.AspNetCore.Tests;

public sealed class AuthorizationTests : ApiTestBase
{
    public static TheoryData<string, string> Routes => new()
    {
        { "GET", "/export-jobs" },
        { "POST", "/export-jobs" },
        { "GET", "/export-jobs/{id}" },
        { "PUT", "/export-jobs/{id}" },
        { "DELETE", "/export-jobs/{id}" },
        { "POST", "/export-jobs/{id}/pause" },
        { "POST", "/export-jobs/{id}/resume" },
        { "GET", "/export-jobs/{id}/runs" },
        { "POST", "/export-jobs/{id}/runs" },
        { "GET", "/export-jobs/{id}/runs/some-run" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task EveryRoute_RequiresTheHostsPolicy(string method, string route)
    {
        var id = (await Client.CreateJobAsync(JobBodies.Valid()))["id"]!.GetValue<string>();
        var url = route.Replace("{id}", id, StringComparison.Ordinal);

        var anonymous = await SendAsync(Host.Anonymous, method, url);
        using var wrongRole = new HttpClient { BaseAddress = Host.Anonymous.BaseAddress };
        wrongRole.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(ApiHost.Scheme, "viewer");
        var forbidden = await SendAsync(wrongRole, method, url);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.NotNull(await Host.Store.GetJobAsync(id));
        Assert.Single(await Host.Store.ListJobsAsync());
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task EveryRoute_Answers_WhenAuthorized(string method, string route)
    {
        var id = (await Client.CreateJobAsync(JobBodies.Valid()))["id"]!.GetValue<string>();
        var url = route.Replace("{id}", id, StringComparison.Ordinal);

        var response = await SendAsync(Client, method, url);

        Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.True((int)response.StatusCode < 500, $"{method} {url} answered {(int)response.StatusCode}");
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string url)
    {
        var body = url.EndsWith("/runs", StringComparison.Ordinal) ? new JsonObject { ["status"] = "success" } : JobBodies.Valid();
        return method switch
        {
            "GET" => client.GetAsync(url),
            "DELETE" => client.DeleteAsync(url),
            "PUT" => client.PutJsonAsync(url, body),
            _ => client.PostJsonAsync(url, body),
        };
    }
}
