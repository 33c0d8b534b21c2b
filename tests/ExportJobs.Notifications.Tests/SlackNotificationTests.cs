using System.Text.Json;
using ExportJobs.Notifications.Tests.Infrastructure;

namespace ExportJobs.Notifications.Tests;

/// <summary>The slack channel against a Kestrel listener standing in for Slack's incoming webhook.</summary>
public sealed class SlackNotificationTests
{
    [Fact]
    public async Task FailedRun_PostsTheIncomingWebhookJson_TextWithTheFacts_TheUrlNeverLogged()
    {
        await using var slack = await HttpReceiver.StartAsync();
        await using var host = await NotifyingHost.StartAsync(o => o.Channels.Add(new ExportNotificationChannelOptions { Type = "slack", Url = slack.Url }));
        var job = await host.CreateJobAsync("Shop <feed> & more");
        host.Destination.Failure = "bucket 'exports' refused the upload";

        await host.AdvanceToAsync(NotifyingHost.Start.AddMinutes(30));
        await host.WaitForDoneAsync(1);

        var request = Assert.Single(slack.Requests);
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
        using var body = JsonDocument.Parse(request.Body);
        var property = Assert.Single(body.RootElement.EnumerateObject());
        Assert.Equal("text", property.Name);
        var text = property.Value.GetString()!;
        Assert.StartsWith("*Export 'Shop &lt;feed&gt; &amp; more' failed*\n", text, StringComparison.Ordinal);
        Assert.Contains("*Error:* ", text, StringComparison.Ordinal);
        Assert.Contains("refused the upload", text, StringComparison.Ordinal);
        Assert.Contains($"*Job:* Shop &lt;feed&gt; &amp; more ({job.Id})", text, StringComparison.Ordinal);
        Assert.False(request.Headers.ContainsKey(ExportNotificationHeaders.Signature));
        Assert.DoesNotContain(host.Logs.Entries, e => e.Message.Contains("query-secret", StringComparison.Ordinal) || e.Message.Contains("/hooks/exports", StringComparison.Ordinal));
        Assert.Contains(host.Logs.Entries, e => e.Message.Contains("delivered to host channel 1 (slack)", StringComparison.Ordinal));
    }
}
