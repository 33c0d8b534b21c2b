using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ExportJobs.Extensibility;
using ExportJobs.Registration;
using ExportJobs.Validation;
using Microsoft.Extensions.DependencyInjection;

namespace ExportJobs.Destinations.Tests.Infrastructure;

/// <summary>
/// A real standard destination (s3, azure-blob, sftp) under another type name, which records the order of deliveries
/// and, when asked, fails the delivery with a given number before the real destination sees it: a split run that fails
/// at part N against the real server. Everything else, removal included, is the real destination's.
/// </summary>
internal sealed class WatchedDestination(IExportDestination inner, int? failAtDelivery) : IExportDestination
{
    private int _deliveries;

    /// <summary>The file names the real destination delivered, in order.</summary>
    public ConcurrentQueue<string> Delivered { get; } = new();

    public IReadOnlyCollection<string> SecretSettings => inner.SecretSettings;

    public IReadOnlyCollection<string> EndpointSettings => inner.EndpointSettings;

    /// <summary>Registers the real destination <paramref name="innerType"/> watched under <paramref name="name"/>.</summary>
    public static void Register(IExportJobsBuilder builder, string name, string innerType, int? failAtDelivery = null)
    {
        builder.Services.AddKeyedSingleton<IExportDestination>(name, (services, _) => new WatchedDestination(services.GetRequiredKeyedService<IExportDestination>(innerType), failAtDelivery));
        builder.Services.AddSingleton(new ExportComponentRegistration<IExportDestination>(name));
    }

    public void Validate(JsonObject config, ValidationErrors errors) => inner.Validate(config, errors);

    public async Task<DeliveryResult> DeliverAsync(ExportDelivery delivery, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _deliveries) == failAtDelivery)
        {
            throw new ExportDeliveryException($"The test refused '{delivery.FileName}' (delivery {failAtDelivery}).");
        }

        var result = await inner.DeliverAsync(delivery, cancellationToken);
        Delivered.Enqueue(delivery.FileName);
        return result;
    }

    public Task<bool> RemoveAsync(ExportDelivery delivery, DeliveryResult delivered, CancellationToken cancellationToken) =>
        inner.RemoveAsync(delivery, delivered, cancellationToken);

    public Task<DestinationTestResult> TestConnectionAsync(JsonObject config, CancellationToken cancellationToken) =>
        inner.TestConnectionAsync(config, cancellationToken);
}
