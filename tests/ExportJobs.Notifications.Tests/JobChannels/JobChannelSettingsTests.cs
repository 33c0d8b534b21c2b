using System.Net;
using System.Text.Json.Nodes;
using ExportJobs.Notifications.Tests.Infrastructure;
using LiteDB;
using Microsoft.Extensions.Logging;

namespace ExportJobs.Notifications.Tests.JobChannels;

/// <summary>
/// A job's <c>notifications</c> through <c>POST</c>/<c>PUT</c>/<c>GET /export-jobs</c> on Kestrel: every problem in one
/// 400, secrets masked in every response and kept on PUT with the mask (not when the URL changes), stored encrypted, and
/// a stored channel today's rules refuse pauses its job with the reason.
/// </summary>
public sealed class JobChannelSettingsTests : IDisposable
{
    private const string WebhookSecret = "whsec-job-level-secret";
    private const string SlackPath = "T000/B000/slack-url-secret";
    private readonly string _root = Directory.CreateTempSubdirectory("exportjobs-jobchannels-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task BadChannels_400_ListingEveryProblemAtOnce()
    {
        await using var host = await StartAsync();
        var notifications = new JsonArray(
            new JsonObject { ["type"] = "webhook", ["on"] = new JsonArray("failed", "exploded"), ["url"] = "http://10.1.2.3/hooks" },
            new JsonObject { ["type"] = "email", ["to"] = new JsonArray() },
            new JsonObject { ["type"] = "email", ["to"] = new JsonArray("boss@elsewhere.test"), ["smtpHost"] = "mail.elsewhere.test", ["password"] = "smtp-password-secret" },
            new JsonObject { ["type"] = "pager" },
            new JsonObject { ["type"] = "slack", ["url"] = "ftp://hooks.example.com/x" },
            new JsonObject { ["type"] = "webhook", ["url"] = "https://127.0.0.1/hooks", ["on"] = new JsonArray(7) });

        var (response, text) = await host.Client.SendAsync(HttpMethod.Post, "/export-jobs", JobChannelBodies.Job("Bad", notifications));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonNode.Parse(text)!["errors"]!.AsObject();
        Assert.Equal(
            ["notifications[0].on[1]", "notifications[0].url", "notifications[1].to", "notifications[2].password", "notifications[2].smtpHost", "notifications[2].to[0]", "notifications[3].type", "notifications[4].url", "notifications[5].on[0]"],
            errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Contains("'exploded' is not an event", Message(errors, "notifications[0].on[1]"), StringComparison.Ordinal);
        Assert.Contains("non-public address", Message(errors, "notifications[0].url"), StringComparison.Ordinal);
        Assert.Contains("SMTP server", Message(errors, "notifications[2].smtpHost"), StringComparison.Ordinal);
        Assert.Contains("AllowedRecipients", Message(errors, "notifications[2].to[0]"), StringComparison.Ordinal);
        Assert.Contains("'pager' is not a notification channel type", Message(errors, "notifications[3].type"), StringComparison.Ordinal);
        Assert.DoesNotContain("smtp-password-secret", text, StringComparison.Ordinal);
        Assert.Empty(await host.Store.ListJobsAsync());
    }

    [Fact]
    public async Task Secrets_MaskedInEveryResponse_KeptOnPutWithTheMask_StoredEncrypted_NeverLogged()
    {
        var receiver = "https://hooks.example.com/exports";
        var slackUrl = $"https://hooks.slack.example.com/services/{SlackPath}";
        string id;
        await using (var host = await StartAsync())
        {
            var created = await host.Client.CreateAsync(JobChannelBodies.Job("Masked", new JsonArray(
                JobChannelBodies.Webhook(receiver, WebhookSecret, "failed", "succeeded"),
                new JsonObject { ["type"] = "slack", ["url"] = slackUrl },
                new JsonObject { ["type"] = "email", ["to"] = new JsonArray("ops@example.com") })));
            id = created["id"]!.GetValue<string>();
            var channels = created["notifications"]!.AsArray();
            Assert.Equal(("********", receiver), (channels[0]!["secret"]!.GetValue<string>(), channels[0]!["url"]!.GetValue<string>()));
            Assert.Equal(["failed", "succeeded"], channels[0]!["on"]!.AsArray().Select(e => e!.GetValue<string>()));
            Assert.Equal("********", channels[1]!["url"]!.GetValue<string>());
            Assert.Equal("ops@example.com", channels[2]!["to"]![0]!.GetValue<string>());

            // GET-modify-PUT with the masks sent back keeps both secrets.
            created["name"] = "Masked, renamed";
            var (put, putText) = await host.Client.SendAsync(HttpMethod.Put, $"/export-jobs/{id}", created);
            Assert.True(put.StatusCode == HttpStatusCode.OK, putText);
            var stored = (await host.Store.GetJobAsync(id))!;
            Assert.Equal("Masked, renamed", stored.Name);
            Assert.Equal(WebhookSecret, stored.Notifications![0].Settings["secret"]!.GetValue<string>());
            Assert.Equal(slackUrl, stored.Notifications[1].Settings["url"]!.GetValue<string>());

            var bodies = new[]
            {
                created.ToJsonString(),
                putText,
                (await host.Client.SendAsync(HttpMethod.Get, $"/export-jobs/{id}")).Text,
                (await host.Client.SendAsync(HttpMethod.Get, "/export-jobs")).Text,
                (await host.Client.SendAsync(HttpMethod.Get, "/export-jobs?limit=10")).Text,
                (await host.Client.SendAsync(HttpMethod.Post, $"/export-jobs/{id}/pause")).Text,
                (await host.Client.SendAsync(HttpMethod.Post, $"/export-jobs/{id}/resume")).Text,
            };
            Assert.All(bodies, b => Assert.DoesNotContain(WebhookSecret, b, StringComparison.Ordinal));
            Assert.All(bodies, b => Assert.DoesNotContain(SlackPath, b, StringComparison.Ordinal));
            Assert.All(bodies, b => Assert.Contains("\"secret\":\"********\"", b, StringComparison.Ordinal));

            // A new secret replaces the stored one.
            created["notifications"]![0]!["secret"] = "whsec-rotated-secret";
            Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(HttpMethod.Put, $"/export-jobs/{id}", created)).Response.StatusCode);
            Assert.Equal("whsec-rotated-secret", (await host.Store.GetJobAsync(id))!.Notifications![0].Settings["secret"]!.GetValue<string>());
            AssertNoSecretLogged(host, WebhookSecret, SlackPath, "whsec-rotated-secret");
        }

        // At rest (the host is gone): the secrets are Data Protection ciphertexts, the rest as sent.
        using var file = new LiteDatabase($"Filename={Path.Combine(_root, "jobs.db")};ReadOnly=true");
        var text = file.GetCollection("jobs").FindById(id)["notifications"].AsString;
        Assert.DoesNotContain(WebhookSecret, text, StringComparison.Ordinal);
        Assert.DoesNotContain("whsec-rotated-secret", text, StringComparison.Ordinal);
        Assert.DoesNotContain(SlackPath, text, StringComparison.Ordinal);
        Assert.Equal(2, text.Split("$protected").Length - 1);
        Assert.Contains(receiver, text, StringComparison.Ordinal);
        Assert.Contains("ops@example.com", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutWithTheMask_AndAnotherWebhookUrl_400_AndChangesNothing()
    {
        await using var host = await StartAsync();
        var created = await host.Client.CreateAsync(JobChannelBodies.Job("Moved", new JsonArray(JobChannelBodies.Webhook("https://hooks.example.com/exports", WebhookSecret))));
        var id = created["id"]!.GetValue<string>();
        created["notifications"]![0]!["url"] = "https://attacker.example.net/collect";

        var (response, text) = await host.Client.SendAsync(HttpMethod.Put, $"/export-jobs/{id}", created);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonNode.Parse(text)!["errors"]!.AsObject();
        Assert.Equal(["notifications[0].secret"], errors.Select(e => e.Key));
        Assert.Contains("'url' changed", Message(errors, "notifications[0].secret"), StringComparison.Ordinal);
        var stored = (await host.Store.GetJobAsync(id))!.Notifications![0].Settings;
        Assert.Equal(("https://hooks.example.com/exports", WebhookSecret), (stored["url"]!.GetValue<string>(), stored["secret"]!.GetValue<string>()));

        // With the secret typed again, the URL may change.
        created["notifications"]![0]!["secret"] = WebhookSecret;
        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(HttpMethod.Put, $"/export-jobs/{id}", created)).Response.StatusCode);
        Assert.Equal("https://attacker.example.net/collect", (await host.Store.GetJobAsync(id))!.Notifications![0].Settings["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateWithTheMask_400_BecauseNothingIsStored()
    {
        await using var host = await StartAsync();

        var (response, text) = await host.Client.SendAsync(HttpMethod.Post, "/export-jobs", JobChannelBodies.Job("Mask", new JsonArray(new JsonObject { ["type"] = "slack", ["url"] = "********" })));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("notifications[0].url", JsonNode.Parse(text)!["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task StoredChannelTodaysRulesRefuse_LoadsAndIsPausedWithTheReason()
    {
        string id;
        await using (var first = await StartAsync())
        {
            var email = new JsonObject { ["type"] = "email", ["to"] = new JsonArray("ops@example.com") };
            id = (await first.Client.CreateAsync(JobChannelBodies.Job("Mailed", new JsonArray(email))))["id"]!.GetValue<string>();
        }

        // The host no longer allows @example.com: the stored job loads, shows, and is paused with the reason.
        await using var second = await StartAsync(o => { o.AllowedRecipients.Clear(); o.AllowedRecipients.Add("@other.example"); });
        var job = await WaitForAsync(async () => (await second.Manager.GetAsync(id))!.Job, j => !j.Active, "the job to be paused");

        Assert.StartsWith("Paused automatically: the stored notifications are no longer accepted.", job.PausedReason, StringComparison.Ordinal);
        Assert.Contains("notifications[0].to[0]", job.PausedReason, StringComparison.Ordinal);
        var (response, text) = await second.Client.SendAsync(HttpMethod.Get, $"/export-jobs/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ops@example.com", JsonNode.Parse(text)!["notifications"]![0]!["to"]![0]!.GetValue<string>());
    }

    private Task<NotifyingHost> StartAsync(Action<ExportNotificationOptions>? change = null) =>
        NotifyingHost.StartAsync(
            o =>
            {
                o.Smtp.Host = "127.0.0.1";
                o.Smtp.From = "exports@pim.example.com";
                o.Smtp.Security = ExportNotificationSmtpSecurity.None;
                o.AllowedRecipients.Add("@example.com");
                change?.Invoke(o);
            },
            root: _root);

    private static string Message(JsonObject errors, string field) => errors[field]![0]!.GetValue<string>();

    private static void AssertNoSecretLogged(NotifyingHost host, params string[] secrets)
    {
        var leak = host.Logs.Entries.FirstOrDefault(e => secrets.Any(s => e.Message.Contains(s, StringComparison.Ordinal) || (e.Exception?.ToString().Contains(s, StringComparison.Ordinal) ?? false)));
        Assert.True(leak.Message is null, $"A log entry holds a secret: {leak.Level} {leak.Message}");
        Assert.DoesNotContain(host.Logs.Entries, e => e.Level >= LogLevel.Error);
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            try
            {
                await Task.Delay(20, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Waited 20 s for {what}.");
            }
        }
    }
}
