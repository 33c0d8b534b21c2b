using System.Globalization;
using System.Text.Json.Nodes;
using ExportJobs.Destinations.Tests.Infrastructure;
using ExportJobs.Destinations.Webhook;
using ExportJobs.Extensibility;
using ExportJobs.Testing.Servers;

namespace ExportJobs.Destinations.Tests.Webhook;

public sealed class WebhookDestinationTests : IAsyncLifetime
{
    private const string Secret = "whsec-0123456789abcdef";
    private const string ApiKey = "api-key-fedcba9876543210";
    private readonly DestinationHarness _harness = new();

    public Task InitializeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Deliver_WithSecret_ReceiverGetsTheFileSignedWithHeaders(bool gzip)
    {
        await using var receiver = await WebhookReceiver.StartAsync(200);
        using var file = await ExportFile.CreateAsync(300_000, gzip);
        var delivery = DestinationHarness.Delivery(file, "webhook", Config(receiver.Url + "?token=query-secret"), gzip: gzip);

        var result = await _harness.Get("webhook").DeliverAsync(delivery, CancellationToken.None);

        Assert.Equal(receiver.Url, result.DestinationPath);
        var request = Assert.Single(receiver.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal(file.Sha256, await ExportFile.Sha256Of(new MemoryStream(request.Body)));
        Assert.Equal("text/csv; charset=utf-8", request.Headers["Content-Type"]);
        Assert.Equal(gzip ? "gzip" : null, request.Headers.GetValueOrDefault("Content-Encoding"));
        Assert.Equal("job-1", request.Headers[WebhookHeaders.JobId]);
        Assert.Equal(delivery.RunId, request.Headers[WebhookHeaders.RunId]);
        Assert.Equal(delivery.IdempotencyKey, request.Headers[WebhookHeaders.IdempotencyKey]);
        Assert.Equal(file.Sha256, request.Headers[WebhookHeaders.Checksum]);
        Assert.Equal(ApiKey, request.Headers["X-Api-Key"]);
        var timestamp = long.Parse(request.Headers[WebhookHeaders.Timestamp], CultureInfo.InvariantCulture);
        Assert.True(await WebhookSignature.VerifyAsync(Secret, timestamp, new MemoryStream(request.Body), request.Headers[WebhookHeaders.Signature]));
        Assert.False(await WebhookSignature.VerifyAsync("another-secret", timestamp, new MemoryStream(request.Body), request.Headers[WebhookHeaders.Signature]));
    }

    [Fact]
    public async Task Deliver_ReceiverFailsWith500ThenSucceeds_RetriesWithTheSameIdempotencyKey()
    {
        await using var receiver = await WebhookReceiver.StartAsync(500, 503, 200);
        using var file = await ExportFile.CreateAsync(10_000);

        await _harness.DeliverAsync(file, "webhook", Config(receiver.Url));

        Assert.Equal(3, receiver.Requests.Count);
        Assert.Single(receiver.Requests.Select(r => r.Headers[WebhookHeaders.IdempotencyKey]).Distinct());
        Assert.Equal(["1", "2", "3"], receiver.Requests.Select(r => r.Headers[WebhookHeaders.Attempt]));
        Assert.All(receiver.Requests, r => Assert.Equal(file.Length, r.Body.Length));
    }

    [Fact]
    public async Task DeliverAndTestConnection_NoLogLineContainsTheUrlsPath()
    {
        await using var receiver = await WebhookReceiver.StartAsync(503, 200);
        using var file = await ExportFile.CreateAsync(1_000);
        var path = new Uri(receiver.Url).AbsolutePath;

        await _harness.DeliverAsync(file, "webhook", Config(receiver.Url));
        await _harness.Get("webhook").TestConnectionAsync(Config(receiver.Url), CancellationToken.None);

        // The destination's own lines name the URL without its query, as the run's destinationPath does (by design);
        // nothing else may write it (HttpClientFactory's request loggers wrote the whole URL at Information level).
        Assert.Equal(3, receiver.Requests.Count);
        Assert.Contains(_harness.Logs.Entries, e => e.Contains(" ExportJobs.Destinations.Webhook.WebhookDestination: ", StringComparison.Ordinal));
        var leak = _harness.Logs.Entries.FirstOrDefault(e =>
            e.Contains(path, StringComparison.Ordinal) && !e.Contains(" ExportJobs.Destinations.Webhook.WebhookDestination: ", StringComparison.Ordinal));
        Assert.True(leak is null, $"A log entry contains the webhook URL's path: {leak}");
    }

    [Fact]
    public async Task Deliver_ReceiverAlwaysFails_GivesUpAfterMaxAttemptsNamingTheStatus()
    {
        await using var receiver = await WebhookReceiver.StartAsync(502);
        using var file = await ExportFile.CreateAsync(10_000);

        var error = await Assert.ThrowsAsync<ExportDeliveryException>(() => _harness.DeliverAsync(file, "webhook", Config(receiver.Url)));

        Assert.Equal(4, receiver.Requests.Count);
        Assert.Contains("answered 502", error.Message, StringComparison.Ordinal);
        Assert.Contains("gave up after 4 attempt(s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliver_ReceiverAnswers400_FailsWithoutRetrying()
    {
        await using var receiver = await WebhookReceiver.StartAsync(400);
        using var file = await ExportFile.CreateAsync(10_000);

        var error = await Assert.ThrowsAsync<ExportDeliveryException>(() => _harness.DeliverAsync(file, "webhook", Config(receiver.Url)));

        Assert.Single(receiver.Requests);
        Assert.Contains("not retried", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliver_ReceiverNeverAnswers_FailsAfterTheTimeoutOfEachAttempt()
    {
        await using var receiver = await WebhookReceiver.StartAsync(async (_, aborted) =>
        {
            await Task.Delay(Timeout.Infinite, aborted);
            return 200;
        });
        using var file = await ExportFile.CreateAsync(10_000);
        using var harness = new DestinationHarness(webhook: o => o.MaxAttempts = 2);
        var config = Config(receiver.Url);
        config["timeoutSeconds"] = 3;

        var error = await Assert.ThrowsAsync<ExportDeliveryException>(() => harness.DeliverAsync(file, "webhook", config));

        Assert.Contains("did not answer within 3 s", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, await receiver.WaitForArrivalsAsync(2));
    }

    [Fact]
    public async Task Deliver_ServerDown_FailsAfterRetryingTheConnection()
    {
        using var file = await ExportFile.CreateAsync(10_000);
        using var down = LoopbackPorts.ReserveClosed();

        var error = await Assert.ThrowsAsync<ExportDeliveryException>(() => _harness.DeliverAsync(file, "webhook", Config($"http://127.0.0.1:{down.Port}/hook")));

        Assert.Contains("Could not deliver", error.Message, StringComparison.Ordinal);
        Assert.Contains("ConnectionError", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliver_LoopbackHostNameWhenHostAllowsNothing_IsRefusedBeforeConnecting()
    {
        await using var receiver = await WebhookReceiver.StartAsync(200);
        using var strict = new DestinationHarness(configuration: DestinationHarness.NothingAllowed);
        strict.Network.Names["hooks.example.test"] = [System.Net.IPAddress.Loopback];
        using var file = await ExportFile.CreateAsync(10_000);
        var url = $"http://hooks.example.test:{receiver.Port}/hooks/products";

        var error = await Assert.ThrowsAsync<ExportDeliveryException>(() => strict.DeliverAsync(file, "webhook", Config(url)));

        Assert.Contains("ExportJobs:Network:Destinations:webhook:Allow", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", error.Message, StringComparison.Ordinal);
        Assert.Empty(receiver.Requests);
        Assert.Empty(strict.Network.Connections);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/x")]
    [InlineData("http://10.1.2.3/x")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://[::1]/x")]
    [InlineData("http://192.168.0.10/x")]
    public void Validate_PrivateAddressWhenHostDoesNotAllowIt_IsRejected(string url)
    {
        using var strict = new DestinationHarness(configuration: DestinationHarness.NothingAllowed);

        var errors = strict.Validate("webhook", new JsonObject { ["url"] = url });

        Assert.Equal(["destinationConfig.url"], errors.Keys);
    }

    [Theory]
    [InlineData("https://user:pass@example.com/hooks")]
    [InlineData("https://token@example.com/hooks")]
    public void Validate_CredentialsInUrl_AreRejectedWithoutEchoingThem(string url)
    {
        var errors = _harness.Validate("webhook", new JsonObject { ["url"] = url });

        var message = Assert.Single(Assert.Single(errors.Values));
        Assert.Equal(["destinationConfig.url"], errors.Keys);
        Assert.Contains("must not carry credentials", message, StringComparison.Ordinal);
        Assert.DoesNotContain("example.com", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadSettings_ReportsEveryFieldAtOnce()
    {
        var errors = _harness.Validate("webhook", new JsonObject { ["url"] = "ftp://x", ["method"] = "GET", ["headers"] = new JsonObject { ["Content-Type"] = "x" }, ["timeoutSeconds"] = 0 });

        Assert.Equal(
            ["destinationConfig.headers", "destinationConfig.method", "destinationConfig.timeoutSeconds", "destinationConfig.url"],
            errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TestConnection_ReachableReceiver_PassesWithoutDeliveringData()
    {
        await using var receiver = await WebhookReceiver.StartAsync(200);

        var result = await _harness.Get("webhook").TestConnectionAsync(Config(receiver.Url), CancellationToken.None);

        Assert.True(result.Success, string.Join("; ", result.Checks));
        var request = Assert.Single(receiver.Requests);
        Assert.Equal("HEAD", request.Method);
        Assert.Empty(request.Body);
    }

    public Task DisposeAsync()
    {
        _harness.Logs.AssertContainsNone([Secret, ApiKey, "query-secret"]);
        _harness.Dispose();
        return Task.CompletedTask;
    }

    private static JsonObject Config(string url) => new()
    {
        ["url"] = url,
        ["secret"] = Secret,
        ["headers"] = new JsonObject { ["X-Api-Key"] = ApiKey },
    };
}
