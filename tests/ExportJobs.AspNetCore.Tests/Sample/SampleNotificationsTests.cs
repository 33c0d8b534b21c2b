using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ExportJobs.AspNetCore.Tests.Sample;

/// <summary>The sample host sends notifications (<c>AddNotifications()</c>): jobs may name their own channels, checked and masked.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Disposed in DisposeAsync (IAsyncLifetime).")]
public sealed class SampleNotificationsTests : IAsyncLifetime
{
    private const string SlackToken = "T000/B000/sample-slack-token-secret";
    private readonly ExportJobs.AspNetCore.Tests.SampleHost _host = new(new Dictionary<string, string?> { ["Sample:ProductCount"] = "10" });
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _host.StartServer();
        _client = _host.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task JobWithItsOwnSlackChannel_IsCreated_AndItsUrlIsMaskedEverywhere()
    {
        var body = Job();
        body["notifications"] = new JsonArray(new JsonObject { ["type"] = "slack", ["on"] = new JsonArray("failed", "recovered"), ["url"] = $"https://hooks.slack.com/services/{SlackToken}" });

        using var created = await _client.PostAsJsonAsync(new Uri("/export-jobs", UriKind.Relative), body);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var job = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        var channel = job["notifications"]![0]!;
        Assert.Equal("slack", channel["type"]!.GetValue<string>());
        Assert.Equal("********", channel["url"]!.GetValue<string>());
        var id = job["id"]!.GetValue<string>();
        Assert.DoesNotContain(SlackToken, await _client.GetStringAsync(new Uri("/export-jobs", UriKind.Relative)), StringComparison.Ordinal);
        Assert.DoesNotContain(SlackToken, await _client.GetStringAsync(new Uri($"/export-jobs/{id}", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadChannels_400_NamingEachProblem()
    {
        var body = Job();
        body["notifications"] = new JsonArray(
            new JsonObject { ["type"] = "webhook", ["on"] = new JsonArray("failed", "exploded"), ["url"] = "http://10.1.2.3/hooks", ["secret"] = "s3cr3t-webhook-key" },
            new JsonObject { ["type"] = "email", ["to"] = new JsonArray() });

        using var response = await _client.PostAsJsonAsync(new Uri("/export-jobs", UriKind.Relative), body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var errors = JsonNode.Parse(text)!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("notifications[0].on[1]"), text);
        Assert.True(errors.ContainsKey("notifications[0].url"), text);
        Assert.True(errors.ContainsKey("notifications[1].to"), text);
        Assert.DoesNotContain("s3cr3t-webhook-key", text, StringComparison.Ordinal);
        Assert.Empty((await _client.GetFromJsonAsync<JsonArray>(new Uri("/export-jobs", UriKind.Relative)))!);
    }

    [Fact]
    public async Task NotificationsTest_OfAJobThatOptedOut_ReportsNoChannels()
    {
        var body = Job();
        body["notifications"] = new JsonArray();
        using var created = await _client.PostAsJsonAsync(new Uri("/export-jobs", UriKind.Relative), body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();

        using var tested = await _client.PostAsync(new Uri($"/export-jobs/{id}/notifications/test", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.OK, tested.StatusCode);
        Assert.Empty((await tested.Content.ReadFromJsonAsync<JsonArray>())!);
    }

    private static JsonObject Job() => new()
    {
        ["name"] = "notified",
        ["destinationType"] = "local-folder",
        ["destinationConfig"] = new JsonObject { ["path"] = "notified" },
        ["format"] = "csv",
        ["schedule"] = "0 2 * * *",
        ["active"] = false,
    };
}
