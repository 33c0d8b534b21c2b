using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExportJobs.Notifications.Tests.Infrastructure;
using netDumbster.smtp;

namespace ExportJobs.Notifications.Tests.JobChannels;

/// <summary>
/// A job's own <c>notifications</c>, set through <c>POST /export-jobs</c> on Kestrel, told of real runs (fake clock)
/// through real receivers on loopback: they replace the host's channels, <c>[]</c> opts out, the test endpoint uses them.
/// </summary>
public sealed class JobChannelDeliveryTests : IAsyncLifetime, IDisposable
{
    private const string JobSecret = "whsec-job-level-secret";
    private const string HostSecret = "whsec-host-default-secret";
    private readonly SimpleSmtpServer _smtp = SimpleSmtpServer.Start(LoopbackPort());
    private HttpReceiver _hostDefault = null!;
    private HttpReceiver _jobWebhook = null!;
    private HttpReceiver _jobSlackDown = null!;

    public async Task InitializeAsync()
    {
        _hostDefault = await HttpReceiver.StartAsync();
        _jobWebhook = await HttpReceiver.StartAsync();
        _jobSlackDown = await HttpReceiver.StartAsync(_ => 500);
    }

    public async Task DisposeAsync()
    {
        await _hostDefault.DisposeAsync();
        await _jobWebhook.DisposeAsync();
        await _jobSlackDown.DisposeAsync();
    }

    public void Dispose() => _smtp.Dispose();

    [Fact]
    public async Task JobWebhook_FailedRun_SignedEventWithItsIdempotencyKey_TheHostDefaultIsNotTold()
    {
        await using var host = await StartAsync();
        var job = await host.Client.CreateAsync(JobChannelBodies.Job("Nightly products", new JsonArray(JobChannelBodies.Webhook(_jobWebhook.Url, JobSecret, "failed"))));
        var jobId = job["id"]!.GetValue<string>();
        host.Destination.Failure = "bucket 'exports' refused the upload";

        await host.AdvanceToAsync(NotifyingHost.Start.AddMinutes(30));
        await host.WaitForDoneAsync(1);

        var request = Assert.Single(_jobWebhook.Requests);
        var run = Assert.Single((await host.Manager.ListRunsAsync(jobId, 10))!);
        var timestamp = long.Parse(request.Headers[ExportNotificationHeaders.Timestamp], CultureInfo.InvariantCulture);
        Assert.True(ExportNotificationSignature.Verify(JobSecret, timestamp, request.Body, request.Headers[ExportNotificationHeaders.Signature]), "The signature does not verify with the job's secret.");
        Assert.False(ExportNotificationSignature.Verify(HostSecret, timestamp, request.Body, request.Headers[ExportNotificationHeaders.Signature]));
        Assert.Equal($"{run.Id}:failed", request.Headers[ExportNotificationHeaders.IdempotencyKey]);
        using var payload = JsonDocument.Parse(request.Body);
        PayloadSchema.AssertValid(payload.RootElement);
        Assert.Equal(("failed", jobId, run.Id), (payload.RootElement.GetProperty("event").GetString(), payload.RootElement.GetProperty("jobId").GetString(), payload.RootElement.GetProperty("runId").GetString()));
        Assert.Equal(request.Headers[ExportNotificationHeaders.IdempotencyKey], payload.RootElement.GetProperty("id").GetString());
        Assert.Empty(_hostDefault.Requests);
        AssertNoSecrets(host, request);
    }

    [Fact]
    public async Task RunError_NamingAJobChannelsSecret_IsScrubbed_InTheRunAndThePayload()
    {
        await using var host = await StartAsync();
        // The Slack channel (told of successes only) is a loopback receiver whose URL's query is its secret.
        var slack = new JsonObject { ["type"] = "slack", ["url"] = _jobSlackDown.Url, ["on"] = new JsonArray("succeeded") };
        var jobId = (await host.Client.CreateAsync(JobChannelBodies.Job("Nightly products", new JsonArray(JobChannelBodies.Webhook(_jobWebhook.Url, JobSecret, "failed"), slack))))["id"]!.GetValue<string>();
        host.Destination.Failure = $"the receiver echoed {JobSecret} and {_jobSlackDown.Url}";

        await host.AdvanceToAsync(NotifyingHost.Start.AddMinutes(30));
        await host.WaitForDoneAsync(1);

        var run = Assert.Single((await host.Manager.ListRunsAsync(jobId, 10))!);
        Assert.Equal(ExportJobs.Model.ExportRunStatus.Failed, run.Status);
        Assert.DoesNotContain(JobSecret, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("query-secret", run.Error, StringComparison.Ordinal);
        Assert.Contains("the receiver echoed ******** and ********", run.Error, StringComparison.Ordinal);
        Assert.Empty(_jobSlackDown.Requests);
        var (_, runText) = await host.Client.SendAsync(HttpMethod.Get, $"/export-jobs/{jobId}/runs/{run.Id}");
        Assert.DoesNotContain(JobSecret, runText, StringComparison.Ordinal);
        var request = Assert.Single(_jobWebhook.Requests);
        Assert.Contains("the receiver echoed ********", Encoding.UTF8.GetString(request.Body), StringComparison.Ordinal);
        AssertNoSecrets(host, request);
    }

    [Fact]
    public async Task JobEmail_FailedRun_MailGoesToTheJobsRecipients()
    {
        await using var host = await StartAsync();
        var email = new JsonObject { ["type"] = "email", ["to"] = new JsonArray("ops@example.com", "lead@partner.test") };
        var jobId = (await host.Client.CreateAsync(JobChannelBodies.Job("Nightly products", new JsonArray(email))))["id"]!.GetValue<string>();
        host.Destination.Failure = "bucket 'exports' refused the upload";

        await host.AdvanceToAsync(NotifyingHost.Start.AddMinutes(30));
        await host.WaitForDoneAsync(1);

        var received = Assert.Single(_smtp.ReceivedEmail);
        Assert.Equal(["ops@example.com", "lead@partner.test"], received.ToAddresses.Select(a => a.ToString()));
        using var mail = MimeKit.MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(received.Data)));
        Assert.Equal("exports@pim.example.com", mail.From.Mailboxes.Single().Address);
        var run = (await host.Manager.ListRunsAsync(jobId, 1))!.Single();
        Assert.Equal($"{run.Id}:failed", mail.Headers[ExportNotificationHeaders.IdempotencyKey]);
        Assert.Contains("refused the upload", mail.TextBody, StringComparison.Ordinal);
        Assert.Empty(_hostDefault.Requests);
        Assert.DoesNotContain("destination-token-secret", received.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyNotifications_OptOutOfTheHostDefault_WhileAnotherJobIsTold()
    {
        await using var host = await StartAsync();
        var optedOut = (await host.Client.CreateAsync(JobChannelBodies.Job("Opted out", new JsonArray())))["id"]!.GetValue<string>();
        var withDefaults = (await host.Client.CreateAsync(JobChannelBodies.Job("Host defaults", null, omit: true)))["id"]!.GetValue<string>();
        var withNull = (await host.Client.CreateAsync(JobChannelBodies.Job("Host defaults (null)", null)))["id"]!.GetValue<string>();
        host.Destination.Failure = "bucket 'exports' refused the upload";

        await host.AdvanceToAsync(NotifyingHost.Start.AddMinutes(30));
        await host.Finished.WaitForAsync(3); // every run is recorded, with its events written in the same transaction
        await host.WaitForDoneAsync(2);

        var told = _hostDefault.Requests.Select(r => r.Headers[ExportNotificationHeaders.JobId]).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { withDefaults, withNull }.Order(StringComparer.Ordinal), told);
        Assert.DoesNotContain(optedOut, told);
        Assert.Equal(ExportJobs.Model.ExportRunStatus.Failed, (await host.Manager.ListRunsAsync(optedOut, 1))!.Single().Status);
        // Nothing is left to send: the opted-out job's failure wrote no event at all.
        Assert.Empty(await host.Store.ClaimOutboxMessagesAsync("test", host.Time.GetUtcNow().AddDays(1), host.Time.GetUtcNow().AddDays(2), 10));
        var shown = JsonNode.Parse((await host.Client.SendAsync(HttpMethod.Get, $"/export-jobs/{optedOut}")).Text)!;
        Assert.Empty(shown["notifications"]!.AsArray());
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse((await host.Client.SendAsync(HttpMethod.Get, $"/export-jobs/{withDefaults}")).Text).RootElement.GetProperty("notifications").ValueKind);
    }

    [Fact]
    public async Task TestEndpoint_UsesTheJobsChannels_NotTheHosts()
    {
        await using var host = await StartAsync();
        var slack = new JsonObject { ["type"] = "slack", ["url"] = _jobSlackDown.Url };
        var jobId = (await host.Client.CreateAsync(JobChannelBodies.Job("Nightly products", new JsonArray(JobChannelBodies.Webhook(_jobWebhook.Url, JobSecret), slack))))["id"]!.GetValue<string>();

        var (response, text) = await host.Client.SendAsync(HttpMethod.Post, $"/export-jobs/{jobId}/notifications/test");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = JsonNode.Parse(text)!.AsArray();
        Assert.Equal(
            [("notifications[0]", "webhook", true), ("notifications[1] (slack)", "slack", false)],
            results.Select(r => (Channel: r!["channel"]!.GetValue<string>() is var c && c.StartsWith("notifications[0] (webhook http://127.0.0.1:", StringComparison.Ordinal) ? "notifications[0]" : c, r["type"]!.GetValue<string>(), r["accepted"]!.GetValue<bool>())));
        var sent = Assert.Single(_jobWebhook.Requests);
        Assert.Equal("test", sent.Headers[ExportNotificationHeaders.Event]);
        var timestamp = long.Parse(sent.Headers[ExportNotificationHeaders.Timestamp], CultureInfo.InvariantCulture);
        Assert.True(ExportNotificationSignature.Verify(JobSecret, timestamp, sent.Body, sent.Headers[ExportNotificationHeaders.Signature]));
        Assert.Single(_jobSlackDown.Requests);
        Assert.Empty(_hostDefault.Requests);
        Assert.DoesNotContain(JobSecret, text, StringComparison.Ordinal);
        Assert.DoesNotContain("query-secret", text, StringComparison.Ordinal);
        AssertNoSecrets(host, sent);
    }

    private Task<NotifyingHost> StartAsync() =>
        NotifyingHost.StartAsync(o =>
        {
            o.Channels.Add(new ExportNotificationChannelOptions { Type = "webhook", Url = _hostDefault.Url, Secret = HostSecret });
            o.Smtp.Host = "127.0.0.1";
            o.Smtp.Port = _smtp.Configuration.Port;
            o.Smtp.Security = ExportNotificationSmtpSecurity.None;
            o.Smtp.From = "exports@pim.example.com";
            o.AllowedRecipients.Add("@example.com");
            o.AllowedRecipients.Add("lead@partner.test");
        });

    private static void AssertNoSecrets(NotifyingHost host, params ReceivedRequest[] requests)
    {
        string[] secrets = [JobSecret, HostSecret, "query-secret", "destination-token-secret"];
        foreach (var request in requests)
        {
            var body = Encoding.UTF8.GetString(request.Body);
            Assert.All(secrets, s => Assert.DoesNotContain(s, body, StringComparison.Ordinal));
        }

        var leak = host.Logs.Entries.FirstOrDefault(e => secrets.Any(s => e.Message.Contains(s, StringComparison.Ordinal) || (e.Exception?.ToString().Contains(s, StringComparison.Ordinal) ?? false)));
        Assert.True(leak.Message is null, $"A log entry holds a secret: {leak.Level} {leak.Message}");
    }

    private static int LoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
