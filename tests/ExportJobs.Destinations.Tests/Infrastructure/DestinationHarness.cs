using System.Text.Json.Nodes;
using ExportJobs.Destinations.Sftp;
using ExportJobs.Destinations.Webhook;
using ExportJobs.Extensibility;
using ExportJobs.Model;
using ExportJobs.Registration;
using ExportJobs.Validation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ExportJobs.Destinations.Tests.Infrastructure;

/// <summary>
/// The standard destinations as a host registers them (AddExportJobs().AddStandardDestinations()), with logs captured.
/// Its configuration allows the test servers' loopback addresses (ExportJobs:Network:Allow:0 = 127.0.0.0/8) unless
/// <c>configuration</c> is given; names resolve through <see cref="Network"/> only. Webhooks retry quickly; SFTP still
/// requires host key fingerprints.
/// </summary>
public sealed class DestinationHarness : IDisposable
{
    /// <summary>What the test hosts allow: the loopback range their servers listen on.</summary>
    public static readonly IReadOnlyDictionary<string, string?> LoopbackAllowed = new Dictionary<string, string?> { ["ExportJobs:Network:Allow:0"] = "127.0.0.0/8" };

    /// <summary>A host that allows nothing beyond the public internet (the library's default).</summary>
    public static readonly IReadOnlyDictionary<string, string?> NothingAllowed = new Dictionary<string, string?>();

    private readonly ServiceProvider _services;

    public DestinationHarness(
        Action<WebhookDestinationOptions>? webhook = null,
        Action<SftpDestinationOptions>? sftp = null,
        Action<IServiceCollection>? host = null,
        IReadOnlyDictionary<string, string?>? configuration = null)
    {
        var services = new ServiceCollection();
        Network.AddTo(services);
        host?.Invoke(services);
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(configuration ?? LoopbackAllowed).Build());
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        services.AddExportJobs()
            .AddStandardDestinations()
            .AddWebhookDestination(o =>
            {
                o.RetryBaseDelay = TimeSpan.FromMilliseconds(50);
                o.MaxRetryDelay = TimeSpan.FromMilliseconds(200);
                webhook?.Invoke(o);
            })
            .AddSftpDestination(o => sftp?.Invoke(o));
        _services = services.BuildServiceProvider();
    }

    public CapturedLogs Logs { get; } = new();

    public TestNetwork Network { get; } = new();

    public IServiceProvider Services => _services;

    public IExportDestination Get(string type) => _services.GetRequiredService<ExportComponentRegistry<IExportDestination>>().Get(type);

    public IDictionary<string, string[]> Validate(string type, JsonObject config)
    {
        var errors = new ValidationErrors();
        Get(type).Validate(config, errors.Scope("destinationConfig"));
        return errors.ToDictionary();
    }

    public static ExportDelivery Delivery(ExportFile file, string type, JsonObject config, string fileName = "products.csv", bool gzip = false, long? length = null) =>
        new(file.Path)
        {
            Job = new ExportJob("job-1", new ExportJobDefinition { Name = "Products", DestinationType = type, DestinationConfig = config, Format = "csv", Schedule = "0 3 * * *", Compress = gzip }),
            RunId = "run-" + Guid.NewGuid().ToString("N"),
            IdempotencyKey = "job-1:2026-11-30T03:00:00Z",
            FileName = gzip ? fileName + ".gz" : fileName,
            ContentType = "text/csv; charset=utf-8",
            ContentEncoding = gzip ? "gzip" : null,
            Length = length ?? file.Length,
            Sha256 = file.Sha256,
        };

    public Task<DeliveryResult> DeliverAsync(ExportFile file, string type, JsonObject config, string fileName = "products.csv", bool gzip = false, CancellationToken cancellationToken = default) =>
        Get(type).DeliverAsync(Delivery(file, type, config, fileName, gzip), cancellationToken);

    public void Dispose() => _services.Dispose();
}
