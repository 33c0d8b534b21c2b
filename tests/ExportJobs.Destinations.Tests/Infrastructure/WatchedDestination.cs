using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ExportJobs.Extensibility;
using ExportJobs.Model;
using ExportJobs.Registration;
using ExportJobs.Validation;
using Microsoft.Extensions.DependencyInjection;

namespace ExportJobs.Destinations.Tests.Infrastructure;

/// <summary>
/// A real standard destination (s3, azure-blob, sftp) under another type name, which records the order of deliveries
/// (files published, for a staged run) and, when asked, fails the delivery or staging with a given number before the
/// real destination sees it, or the publish with a given number: a split run that fails at part N against the real
/// server. It can also hold the staging of file N (<see cref="PauseAtStage"/>) until the test releases it, so that a
/// test sees the destination at that moment. Everything else, removal and discard included, is the real destination's.
/// </summary>
internal sealed class WatchedDestination(IExportDestination inner, int? failAtDelivery, int? failAtPublish) : IExportDestination
{
    private int _deliveries;
    private int _publishes;

    /// <summary>The file names the real destination delivered (or published), in order.</summary>
    public ConcurrentQueue<string> Delivered { get; } = new();

    /// <summary>The file names the real destination staged, in order.</summary>
    public ConcurrentQueue<string> Staged { get; } = new();

    /// <summary>When set, staging the file with this number waits for <see cref="Release"/> after signalling <see cref="Paused"/>.</summary>
    public int? PauseAtStage { get; set; }

    /// <summary>Completed when staging reached <see cref="PauseAtStage"/> (before the real destination sees that file).</summary>
    public TaskCompletionSource Paused { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completed by the test to let the paused staging go on.</summary>
    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyCollection<string> SecretSettings => inner.SecretSettings;

    private int? FailAtDelivery => failAtDelivery;

    private int? FailAtPublish => failAtPublish;

    public IReadOnlyCollection<string> EndpointSettings => inner.EndpointSettings;

    /// <summary>Registers the real destination <paramref name="innerType"/> watched under <paramref name="name"/>.</summary>
    public static void Register(IExportJobsBuilder builder, string name, string innerType, int? failAtDelivery = null, int? failAtPublish = null)
    {
        builder.Services.AddKeyedSingleton<IExportDestination>(name, (services, _) => new WatchedDestination(services.GetRequiredKeyedService<IExportDestination>(innerType), failAtDelivery, failAtPublish));
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

    public async Task<ExportStaging?> BeginStagingAsync(ExportJob job, string runId, CancellationToken cancellationToken) =>
        await inner.BeginStagingAsync(job, runId, cancellationToken) is { } staging ? new Staging(this, staging) : null;

    public Task<bool> RemoveAsync(ExportDelivery delivery, DeliveryResult delivered, CancellationToken cancellationToken) =>
        inner.RemoveAsync(delivery, delivered, cancellationToken);

    public Task<DestinationTestResult> TestConnectionAsync(JsonObject config, CancellationToken cancellationToken) =>
        inner.TestConnectionAsync(config, cancellationToken);

    private sealed class Staging(WatchedDestination owner, ExportStaging inner) : ExportStaging
    {
        public override async Task<ExportStagedFile> StageAsync(ExportDelivery delivery, CancellationToken cancellationToken)
        {
            var number = Interlocked.Increment(ref owner._deliveries);
            if (number == owner.PauseAtStage)
            {
                owner.Paused.TrySetResult();
                await owner.Release.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
            }

            if (number == owner.FailAtDelivery)
            {
                throw new ExportDeliveryException($"The test refused '{delivery.FileName}' (staging {number}).");
            }

            var staged = await inner.StageAsync(delivery, cancellationToken);
            owner.Staged.Enqueue(delivery.FileName);
            return new File(owner, staged);
        }

        protected override async ValueTask DisposeAsyncCore()
        {
            await inner.DisposeAsync();
            await base.DisposeAsyncCore();
        }
    }

    private sealed class File(WatchedDestination owner, ExportStagedFile inner) : ExportStagedFile(inner.Delivery, inner.DestinationPath)
    {
        public override async Task PublishAsync(CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref owner._publishes) == owner.FailAtPublish)
            {
                throw new ExportDeliveryException($"The test refused to publish '{Delivery.FileName}' (publish {owner.FailAtPublish}).");
            }

            await inner.PublishAsync(cancellationToken);
            owner.Delivered.Enqueue(Delivery.FileName);
        }

        public override Task DiscardAsync(CancellationToken cancellationToken) => inner.DiscardAsync(cancellationToken);
    }
}
