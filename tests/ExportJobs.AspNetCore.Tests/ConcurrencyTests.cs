using System.Net;
using System.Text.Json.Nodes;

namespace ExportJobs.AspNetCore.Tests;

public sealed class ConcurrencyTests : ApiTestBase
{
    [Fact]
    public async Task SixtyConcurrentCreates_ThenSixtyConcurrentDeletes_LoseNothing()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var creates = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => Client.PostJsonAsync("/export-jobs", JobBodies.Valid($"job {i}"))));
        Assert.All(creates, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var ids = new List<string>();
        foreach (var response in creates)
        {
            ids.Add((await response.ReadJsonAsync())["id"]!.GetValue<string>());
        }

        var listed = (JsonArray)await (await Client.GetAsync("/export-jobs", timeout.Token)).ReadJsonAsync();
        Assert.Equal(60, ids.Distinct().Count());
        Assert.Equal(ids.Order(StringComparer.Ordinal), listed.Select(j => j!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal(Enumerable.Range(0, 60).Select(i => $"job {i}").Order(StringComparer.Ordinal), listed.Select(j => j!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal));

        var deletes = await Task.WhenAll(ids.Select(id => Client.DeleteAsync($"/export-jobs/{id}", timeout.Token)));

        Assert.All(deletes, r => Assert.Equal(HttpStatusCode.NoContent, r.StatusCode));
        Assert.Empty((JsonArray)await (await Client.GetAsync("/export-jobs", timeout.Token)).ReadJsonAsync());
    }
}
