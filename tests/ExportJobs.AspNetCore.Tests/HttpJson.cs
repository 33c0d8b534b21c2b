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
}
