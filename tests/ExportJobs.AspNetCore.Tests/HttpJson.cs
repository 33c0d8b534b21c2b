using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace ExportJobs.AspNetCore.Tests;

/// <summary>Small helpers for JSON over HttpClient.</summary>
internal static class HttpJson
{
    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, JsonNode body) =>
        client.PostAsync(url, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, JsonNode body) =>
        client.PutAsync(url, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string url, string body) =>
        client.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));

    public static async Task<JsonNode> ReadJsonAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonNode>())!;

    public static async Task<JsonObject> CreateJobAsync(this HttpClient client, JsonObject body)
    {
        var response = await client.PostJsonAsync("/export-jobs", body);
        Xunit.Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (JsonObject)await response.ReadJsonAsync();
    }

    /// <summary>The URL of a paged answer's <c>Link: &lt;…&gt;; rel="next"</c> header (the only one it may carry); null without one.</summary>
    public static string? NextLink(this HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        var link = Xunit.Assert.Single(values);
        Xunit.Assert.EndsWith(">; rel=\"next\"", link, StringComparison.Ordinal);
        return link[1..link.IndexOf('>', StringComparison.Ordinal)];
    }

    /// <summary>Triggers a job (retrying the 409 of the moment after its previous run ended) and waits for the run to end.</summary>
    public static async Task<JsonObject> TriggerAndWaitAsync(this HttpClient client, string id, JsonObject? body = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        HttpResponseMessage response;
        while (true)
        {
            // The previous run is recorded a moment before this host lets go of the job: a trigger in between is a 409.
            response = body is null ? await client.PostAsync($"/export-jobs/{id}/trigger", null) : await client.PostJsonAsync($"/export-jobs/{id}/trigger", body);
            if (response.StatusCode != HttpStatusCode.Conflict)
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, "The job stayed running for 30 s after its previous run ended.");
            await Task.Delay(20);
        }

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        while (true)
        {
            var run = (JsonObject)await (await client.GetAsync(response.Headers.Location)).ReadJsonAsync();
            if (run["status"]!.GetValue<string>() != "running")
            {
                return run;
            }

            Assert.True(DateTime.UtcNow < deadline, "The run did not end within 30 s.");
            await Task.Delay(20);
        }
    }
}
