using System.Text;
using System.Text.Json.Nodes;

namespace ExportJobs.AspNetCore.Tests.OpenApi;

/// <summary>
/// Every request example of the OpenAPI document, sent as it is to the running sample: each must succeed, so that the
/// document and the API cannot drift apart. Path parameters are filled with a job created from the create example and
/// runs reported as running.
/// </summary>
public sealed class OpenApiRequestExampleTests(OpenApiDocumentFixture fixture) : IClassFixture<OpenApiDocumentFixture>
{
    [Fact]
    public async Task EveryRequestExample_IsAcceptedByTheApi()
    {
        var examples = RequestExamples(fixture.Document);
        Assert.Superset(
            new HashSet<string> { "POST /export-jobs", "PUT /export-jobs/{id}", "POST /export-jobs/preview", "POST /export-jobs/{id}/runs", "PATCH /export-jobs/{id}/runs/{runId}" },
            examples.Select(e => $"{e.Method} {e.Path}").ToHashSet());
        using var client = fixture.Host.CreateClient();

        // The create example first: the job it makes is the {id} of the others.
        var create = examples.Single(e => e is { Method: "POST", Path: "/export-jobs" });
        var created = await SendAsync(client, create, create.Path);
        var jobId = JsonNode.Parse(created)!["id"]!.GetValue<string>();
        foreach (var example in examples.Where(e => e != create))
        {
            var path = example.Path.Replace("{id}", jobId, StringComparison.Ordinal);
            if (path.Contains("{runId}", StringComparison.Ordinal))
            {
                path = path.Replace("{runId}", await ReportRunningRunAsync(client, jobId), StringComparison.Ordinal);
            }

            Assert.DoesNotContain("{", path, StringComparison.Ordinal);
            await SendAsync(client, example, path);
        }
    }

    private static async Task<string> SendAsync(HttpClient client, RequestExample example, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(example.Method), path)
        {
            Content = new StringContent(example.Body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{example.Method} {example.Path} with the document's example answered {(int)response.StatusCode}: {body}");
        return body;
    }

    // A run the completion example can complete: running, started before the example's completedAt.
    private static async Task<string> ReportRunningRunAsync(HttpClient client, string jobId)
    {
        var response = await client.PostJsonAsync($"/export-jobs/{jobId}/runs", new JsonObject { ["status"] = "running", ["startedAt"] = "2026-01-30T01:00:00Z" });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!["id"]!.GetValue<string>();
    }

    private static List<RequestExample> RequestExamples(JsonObject document)
    {
        var examples = new List<RequestExample>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                if (operation?["requestBody"]?["content"]?["application/json"]?["example"] is { } example)
                {
                    examples.Add(new RequestExample(method.ToUpperInvariant(), path, example.DeepClone()));
                }
            }
        }

        return examples;
    }

    private sealed record RequestExample(string Method, string Path, JsonNode Body);
}
