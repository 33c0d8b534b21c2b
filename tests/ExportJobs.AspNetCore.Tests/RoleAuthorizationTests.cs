using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ExportJobs.AspNetCore.Tests;

/// <summary>
/// <c>MapExportJobs(prefix, authorization)</c>: every endpoint asks for the policy of its kind (read, operate, edit),
/// the capabilities endpoint tells a user's kinds, and a refused request changes nothing. Policies of the host:
/// read = viewer, operator or editor; operate = operator or editor; edit = editor.
/// </summary>
public sealed class RoleAuthorizationTests : IAsyncLifetime
{
    private ApiHost _host = null!;

    /// <summary>Every endpoint of the API with its kind, as the README's table has it.</summary>
    public static TheoryData<string, string, ExportJobsAccess> Routes => new()
    {
        { "GET", "/export-jobs/capabilities", ExportJobsAccess.Read },
        { "GET", "/export-jobs", ExportJobsAccess.Read },
        { "GET", "/export-jobs/{id}", ExportJobsAccess.Read },
        { "GET", "/export-jobs/{id}/overview", ExportJobsAccess.Read },
        { "GET", "/export-jobs/{id}/runs", ExportJobsAccess.Read },
        { "GET", "/export-jobs/{id}/runs/{runId}", ExportJobsAccess.Read },
        { "GET", "/export-jobs/{id}/schedule", ExportJobsAccess.Read },
        { "GET", "/export-jobs/destination-types", ExportJobsAccess.Read },
        { "GET", "/export-jobs/formats", ExportJobsAccess.Read },
        { "POST", "/export-jobs/{id}/trigger", ExportJobsAccess.Operate },
        { "POST", "/export-jobs/{id}/pause", ExportJobsAccess.Operate },
        { "POST", "/export-jobs/{id}/resume", ExportJobsAccess.Operate },
        { "POST", "/export-jobs/{id}/runs/{runId}/cancel", ExportJobsAccess.Operate },
        { "POST", "/export-jobs", ExportJobsAccess.Edit },
        { "PUT", "/export-jobs/{id}", ExportJobsAccess.Edit },
        { "DELETE", "/export-jobs/{id}", ExportJobsAccess.Edit },
        { "POST", "/export-jobs/test-connection", ExportJobsAccess.Edit },
        { "POST", "/export-jobs/{id}/test-connection", ExportJobsAccess.Edit },
        { "GET", "/export-jobs/{id}/preview", ExportJobsAccess.Edit },
        { "POST", "/export-jobs/preview", ExportJobsAccess.Edit },
        { "POST", "/export-jobs/{id}/preview", ExportJobsAccess.Edit },
        { "POST", "/export-jobs/schedule", ExportJobsAccess.Edit },
        { "POST", "/export-jobs/{id}/runs", ExportJobsAccess.Edit },
        { "PATCH", "/export-jobs/{id}/runs/{runId}", ExportJobsAccess.Edit },
        { "POST", "/export-jobs/{id}/notifications/test", ExportJobsAccess.Edit },
    };

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync(roles: true);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public void EveryEndpoint_HasExactlyOneKind_AsTheTableSays()
    {
        var expected = Routes.Select(r => ($"{r[0]} {r[1]}", (ExportJobsAccess)r[2])).ToHashSet();
        var mapped = _host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/export-jobs/", StringComparison.Ordinal) || e.RoutePattern.RawText == "/export-jobs")
            .Where(e => !e.RoutePattern.RawText!.StartsWith("/export-jobs-ui", StringComparison.Ordinal))
            .Select(e =>
            {
                var kinds = e.Metadata.GetOrderedMetadata<ExportJobsAccessMetadata>();
                Assert.True(kinds.Count == 1, $"{e.DisplayName} has {kinds.Count} kinds");
                var method = e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods.Single();
                return ($"{method} {e.RoutePattern.RawText!.TrimEnd('/')}", kinds[0].Access);
            })
            .ToHashSet();

        Assert.Equal(expected.OrderBy(x => x.Item1), mapped.OrderBy(x => x.Item1));
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task EachRole_IsRefusedExactlyWhatItsPoliciesRefuse_AndARefusalChangesNothing(string method, string route, ExportJobsAccess access)
    {
        var (id, runId) = await SeedAsync();
        var url = route.Replace("{id}", id, StringComparison.Ordinal).Replace("{runId}", runId, StringComparison.Ordinal);
        var before = await JobAsync(id);

        foreach (var role in new[] { "viewer", "operator", "editor" })
        {
            var allowed = access switch
            {
                ExportJobsAccess.Read => true,
                ExportJobsAccess.Operate => role is "operator" or "editor",
                _ => role is "editor",
            };
            if (allowed)
            {
                continue; // what an allowed request does is the other tests' business; it would change the job
            }

            using var client = _host.ClientAs(role);
            using var response = await SendAsync(client, method, url);

            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{role}: {method} {url} answered {(int)response.StatusCode}, not 403");
            Assert.Equal(before, await JobAsync(id));
        }

        using var anonymous = await SendAsync(_host.Anonymous, method, url);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task EachRole_IsLetThroughWhatItsPoliciesAllow(string method, string route, ExportJobsAccess access)
    {
        var role = access switch { ExportJobsAccess.Read => "viewer", ExportJobsAccess.Operate => "operator", _ => "editor" };
        var (id, runId) = await SeedAsync();
        var url = route.Replace("{id}", id, StringComparison.Ordinal).Replace("{runId}", runId, StringComparison.Ordinal);
        using var client = _host.ClientAs(role);

        using var response = await SendAsync(client, method, url);

        Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
        // 503 is the documented answer of the notifications test on a host without AddNotifications(), as this one is.
        var documented = route.EndsWith("/notifications/test", StringComparison.Ordinal) && response.StatusCode == HttpStatusCode.ServiceUnavailable;
        Assert.True((int)response.StatusCode < 500 || documented, $"{role}: {method} {url} answered {(int)response.StatusCode}");
    }

    [Theory]
    [InlineData("viewer", true, false, false)]
    [InlineData("operator", true, true, false)]
    [InlineData("editor", true, true, true)]
    public async Task Capabilities_TellTheUsersKinds(string role, bool read, bool operate, bool edit)
    {
        using var client = _host.ClientAs(role);

        var capabilities = (await client.GetFromJsonAsync<JsonObject>(new Uri("/export-jobs/capabilities", UriKind.Relative)))!;

        Assert.Equal(read, capabilities["read"]!.GetValue<bool>());
        Assert.Equal(operate, capabilities["operate"]!.GetValue<bool>());
        Assert.Equal(edit, capabilities["edit"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Capabilities_OfAUserWithoutTheReadPolicy_Is403()
    {
        using var client = _host.ClientAs("stranger");

        using var response = await client.GetAsync(new Uri("/export-jobs/capabilities", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Dashboard_RequiresTheReadPolicy()
    {
        using var viewer = _host.ClientAs("viewer");
        using var stranger = _host.ClientAs("stranger");

        using var page = await viewer.GetAsync(new Uri("/export-jobs-ui/", UriKind.Relative));
        using var script = await viewer.GetAsync(new Uri("/export-jobs-ui/app.js", UriKind.Relative));
        using var refused = await stranger.GetAsync(new Uri("/export-jobs-ui/", UriKind.Relative));
        using var anonymous = await _host.Anonymous.GetAsync(new Uri("/export-jobs-ui/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    /// <summary>A job (paused, so the scheduler leaves it alone) with one reported run.</summary>
    private async Task<(string JobId, string RunId)> SeedAsync()
    {
        var job = await _host.Client.CreateJobAsync(JobBodies.Valid());
        var id = job["id"]!.GetValue<string>();
        (await _host.Client.PostAsync(new Uri($"/export-jobs/{id}/pause", UriKind.Relative), null)).EnsureSuccessStatusCode();
        using var run = await _host.Client.PostJsonAsync($"/export-jobs/{id}/runs", new JsonObject { ["status"] = "running" });
        Assert.Equal(HttpStatusCode.Created, run.StatusCode);
        return (id, (await run.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>());
    }

    private async Task<string> JobAsync(string id) =>
        (await _host.Client.GetStringAsync(new Uri($"/export-jobs/{id}", UriKind.Relative)));

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string url)
    {
        JsonObject body = url.EndsWith("/runs", StringComparison.Ordinal) ? new JsonObject { ["status"] = "success" }
            : url.EndsWith("/test-connection", StringComparison.Ordinal) ? new JsonObject { ["destinationType"] = "recording", ["destinationConfig"] = new JsonObject() }
            : method == "PATCH" ? new JsonObject { ["status"] = "success" }
            : url.EndsWith("/export-jobs/schedule", StringComparison.Ordinal) ? new JsonObject { ["schedule"] = "0 2 * * *" }
            : JobBodies.Valid();
        return method switch
        {
            "GET" => client.GetAsync(new Uri(url, UriKind.Relative)),
            "DELETE" => client.DeleteAsync(new Uri(url, UriKind.Relative)),
            "PUT" => client.PutJsonAsync(url, body),
            "PATCH" => client.PatchAsync(new Uri(url, UriKind.Relative), JsonContent.Create(body)),
            _ => client.PostJsonAsync(url, body),
        };
    }
}
