using System.Net;
using System.Text.Json.Nodes;

namespace ExportJobs.AspNetCore.Tests;

public sealed class SecretMaskingTests : ApiTestBase
{
    private const string Secret = "s3cr3t-token-value";

    [Fact]
    public async Task Secrets_AreMasked_InEveryResponse()
    {
        var create = await Client.PostJsonAsync("/export-jobs", JobBodies.Valid());
        var id = (await create.ReadJsonAsync())["id"]!.GetValue<string>();

        var bodies = new List<string>
        {
            await (await Client.GetAsync($"/export-jobs/{id}")).Content.ReadAsStringAsync(),
            await (await Client.GetAsync("/export-jobs")).Content.ReadAsStringAsync(),
            await (await Client.PostAsync($"/export-jobs/{id}/pause", null)).Content.ReadAsStringAsync(),
            await (await Client.PostAsync($"/export-jobs/{id}/resume", null)).Content.ReadAsStringAsync(),
            await (await Client.PutJsonAsync($"/export-jobs/{id}", JobBodies.Valid())).Content.ReadAsStringAsync(),
        };

        var created = await create.Content.ReadAsStringAsync();
        Assert.DoesNotContain(Secret, created, StringComparison.Ordinal);
        Assert.All(bodies, b => Assert.DoesNotContain(Secret, b, StringComparison.Ordinal));
        Assert.All(bodies, b => Assert.Contains("\"token\":\"********\"", b, StringComparison.Ordinal));
        Assert.Equal(Secret, (await Host.Store.GetJobAsync(id))!.DestinationConfig["token"]!.GetValue<string>());
    }

    [Fact]
    public async Task PutWithTheMask_KeepsTheStoredSecret()
    {
        var job = await Client.CreateJobAsync(JobBodies.Valid());
        var id = job["id"]!.GetValue<string>();
        job["name"] = "renamed";

        var response = await Client.PutJsonAsync($"/export-jobs/{id}", job);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await Host.Store.GetJobAsync(id);
        Assert.Equal("renamed", stored!.Name);
        Assert.Equal(Secret, stored.DestinationConfig["token"]!.GetValue<string>());
    }

    [Fact]
    public async Task PutWithTheMask_AndAnotherEndpoint_Is400_AndChangesNothing()
    {
        var (job, id) = await CreateWithEndpointAsync("https://pim-exports.example.com");
        job["destinationConfig"]!["endpoint"] = "https://somewhere-else.example.net";

        var response = await Client.PutJsonAsync($"/export-jobs/{id}", job);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadJsonAsync())["errors"]!.AsObject();
        Assert.Equal(["destinationConfig.token"], errors.Select(e => e.Key));
        Assert.Contains("'endpoint' changed", errors["destinationConfig.token"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var stored = (await Host.Store.GetJobAsync(id))!.DestinationConfig;
        Assert.Equal("https://pim-exports.example.com", stored["endpoint"]!.GetValue<string>());
        Assert.Equal(Secret, stored["token"]!.GetValue<string>());
    }

    [Fact]
    public async Task PutWithTheMask_SameEndpointOtherSettings_KeepsTheStoredSecret()
    {
        var (job, id) = await CreateWithEndpointAsync("https://pim-exports.example.com");
        job["destinationConfig"]!["path"] = "exports/other";

        var response = await Client.PutJsonAsync($"/export-jobs/{id}", job);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = (await Host.Store.GetJobAsync(id))!.DestinationConfig;
        Assert.Equal("exports/other", stored["path"]!.GetValue<string>());
        Assert.Equal(Secret, stored["token"]!.GetValue<string>());
    }

    [Fact]
    public async Task PutWithANewSecret_ReplacesIt()
    {
        var job = await Client.CreateJobAsync(JobBodies.Valid());
        var id = job["id"]!.GetValue<string>();
        job["destinationConfig"]!["token"] = "rotated-token-value";

        await Client.PutJsonAsync($"/export-jobs/{id}", job);

        Assert.Equal("rotated-token-value", (await Host.Store.GetJobAsync(id))!.DestinationConfig["token"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateWithTheMask_Is400_BecauseNothingIsStored()
    {
        var body = JobBodies.Valid();
        body["destinationConfig"]!["token"] = "********";

        var response = await Client.PostJsonAsync("/export-jobs", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadJsonAsync())["errors"]!["destinationConfig.token"]);
    }

    [Fact]
    public async Task ValidationErrors_NeverEchoTheSecret()
    {
        var body = JobBodies.Valid();
        body["destinationConfig"] = new JsonObject { ["token"] = Secret };
        body["schedule"] = "bad";

        var response = await Client.PostJsonAsync("/export-jobs", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(Secret, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<(JsonObject Job, string Id)> CreateWithEndpointAsync(string endpoint)
    {
        var body = JobBodies.Valid();
        body["destinationConfig"]!["endpoint"] = endpoint;
        var job = await Client.CreateJobAsync(body);
        return (job, job["id"]!.GetValue<string>());
    }
}
