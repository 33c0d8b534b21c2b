using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ExportJobs.Notifications.Tests.Infrastructure;

namespace ExportJobs.Notifications.Tests.JobChannels;

/// <summary>Job bodies with <c>notifications</c>, and the HTTP calls the job-channel tests make.</summary>
internal static class JobChannelBodies
{
    public static JsonObject Job(string name, JsonNode? notifications, bool omit = false)
    {
        var body = new JsonObject
        {
            ["name"] = name,
            ["destinationType"] = SwitchableDestination.TypeName,
            ["destinationConfig"] = new JsonObject { ["token"] = "destination-token-secret" },
            ["format"] = "csv",
            ["schedule"] = "0 * * * *",
        };
        if (!omit)
        {
            body["notifications"] = notifications;
        }

        return body;
    }

    public static JsonObject Webhook(string url, string? secret = null, params string[] on)
    {
        var channel = new JsonObject { ["type"] = "webhook", ["url"] = url };
        if (secret is not null)
        {
            channel["secret"] = secret;
        }

        if (on.Length > 0)
        {
            channel["on"] = new JsonArray([.. on.Select(e => (JsonNode?)e)]);
        }

        return channel;
    }

    public static async Task<(HttpResponseMessage Response, string Text)> SendAsync(this HttpClient client, HttpMethod method, string url, JsonNode? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        var response = await client.SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Creates a job through <c>POST /export-jobs</c>; fails with the answer when it is not 201.</summary>
    public static async Task<JsonObject> CreateAsync(this HttpClient client, JsonObject body)
    {
        var (response, text) = await client.SendAsync(HttpMethod.Post, "/export-jobs", body);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"POST /export-jobs answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }
}
