using System.Text.Json.Nodes;
using ExportJobs.Destinations.Tests.Infrastructure;
using ExportJobs.Extensibility;
using ExportJobs.Testing.Destinations;

namespace ExportJobs.Destinations.Tests.Conformance;

/// <summary>
/// The destination kit against a Kestrel receiver that checks an API key header; what is "stored" is every request
/// body it accepted in full (a request cut short is never accepted).
/// </summary>
public sealed class WebhookDestinationConformanceTests : ExportDestinationConformanceTests
{
    private const string Secret = "whsec-kit-0123456789abcdef";
    private readonly DestinationHarness _harness = new();
    private readonly string _key = "key-" + Guid.NewGuid().ToString("N");
    private readonly string _wrongKey = "wrong-" + Guid.NewGuid().ToString("N");
    private AcceptingWebhookReceiver _receiver = null!;

    protected override string DestinationType => "webhook";

    protected override IReadOnlyCollection<string> RequiredSettings => ["url"];

    protected override async Task<IExportDestination> CreateDestinationAsync()
    {
        _receiver = await AcceptingWebhookReceiver.StartAsync(_key);
        return _harness.Get("webhook");
    }

    protected override async Task DisposeDestinationAsync()
    {
        _harness.Logs.AssertContainsNone([Secret, _key, _wrongKey]);
        _harness.Dispose();
        await _receiver.DisposeAsync();
    }

    protected override JsonObject CreateConfig() => new()
    {
        ["url"] = _receiver.Url,
        ["secret"] = Secret,
        ["headers"] = new JsonObject { [AcceptingWebhookReceiver.KeyHeader] = _key },
    };

    protected override JsonObject CreateFailingConfig()
    {
        var config = CreateConfig();
        config["headers"] = new JsonObject { [AcceptingWebhookReceiver.KeyHeader] = _wrongKey };
        return config;
    }

    protected override Task<IReadOnlyList<string>> ListStoredAsync(JsonObject config) =>
        Task.FromResult<IReadOnlyList<string>>([.. _receiver.Accepted.Select((body, i) => $"request {i + 1} ({body.Length} bytes)")]);

    protected override Task<byte[]> ReadStoredAsync(JsonObject config, string fileName, DeliveryResult result)
    {
        Assert.Equal(_receiver.Url, result.DestinationPath);
        return Task.FromResult(Assert.Single(_receiver.Accepted));
    }
}
