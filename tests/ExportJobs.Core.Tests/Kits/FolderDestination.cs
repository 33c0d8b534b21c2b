using System.Text.Json.Nodes;
using ExportJobs.Extensibility;
using ExportJobs.Model;
using ExportJobs.Validation;

namespace ExportJobs.Core.Tests.Kits;

/// <summary>
/// A folder destination with switches that break one rule each, to show that the destination kit catches it:
/// <see cref="WriteInPlace"/> (no temporary name, so a cut-short delivery leaves a partial file),
/// <see cref="SkipPublishCheck"/>, <see cref="LeakSecret"/> (the password in the error), <see cref="ThrowInValidate"/>,
/// and <see cref="Stage"/> (stages to a temporary name, renames at publish) with <see cref="KeepDiscarded"/> (a discard
/// that leaves the temporary file).
/// </summary>
internal sealed class FolderDestination : IExportDestination
{
    public bool WriteInPlace { get; init; }

    public bool SkipPublishCheck { get; init; }

    public bool LeakSecret { get; init; }

    public bool ThrowInValidate { get; init; }

    public bool Stage { get; init; }

    public bool KeepDiscarded { get; init; }

    /// <summary>Receives single-file runs while they are written (<see cref="DeliverStreamingAsync"/>), honouring the other switches.</summary>
    public bool Stream { get; init; }

    /// <summary>With <see cref="Stage"/>: staging the file with this number (1-based, counted over the instance) throws.</summary>
    public int? FailStagingAt { get; init; }

    /// <summary>With <see cref="Stage"/>: publishing the file with this number throws (nothing of it visible).</summary>
    public int? FailPublishAt { get; init; }

    /// <summary>With <see cref="Stage"/>: every discard throws after doing its work.</summary>
    public bool ThrowOnDiscard { get; init; }

    /// <summary>The paths published through staging, in order.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Published { get; } = new();

    internal int Staged;

    internal int Publishes;

    public IReadOnlyCollection<string> SecretSettings => ["password"];

    public void Validate(JsonObject config, ValidationErrors errors)
    {
        if (config["folder"] is not JsonValue value || !value.TryGetValue<string>(out _))
        {
            if (ThrowInValidate)
            {
                throw new InvalidOperationException("folder is not a string");
            }

            errors.Add("folder", "'folder' is required: an absolute path.");
        }

        if (config["password"] is { } password && (password is not JsonValue text || !text.TryGetValue<string>(out _)))
        {
            errors.Add("password", "'password' must be a string.");
        }
    }

    public async Task<DeliveryResult> DeliverAsync(ExportDelivery delivery, CancellationToken cancellationToken)
    {
        var folder = delivery.Config["folder"]!.GetValue<string>();
        var target = Path.Combine(folder, delivery.FileName);
        var temp = WriteInPlace ? target : target + ".partial";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await using (var input = delivery.OpenRead())
            await using (var output = File.Create(temp))
            {
                await input.CopyToAsync(output, cancellationToken);
            }

            if (!SkipPublishCheck)
            {
                await delivery.BeforePublishAsync(cancellationToken);
            }

            if (!WriteInPlace)
            {
                File.Move(temp, target, overwrite: true);
            }

            return new DeliveryResult(target);
        }
        catch (IOException ex) when (LeakSecret)
        {
            throw new ExportDeliveryException($"Could not write with password {delivery.Config["password"]}: {ex.Message}");
        }
        catch when (!WriteInPlace)
        {
            File.Delete(temp);
            throw;
        }
    }

    public bool SupportsStreaming(JsonObject config) => Stream;

    public async Task<DeliveryResult> DeliverStreamingAsync(ExportStreamingDelivery delivery, CancellationToken cancellationToken)
    {
        var target = Path.Combine(delivery.Config["folder"]!.GetValue<string>(), delivery.FileName);
        var temp = WriteInPlace ? target : target + ".partial";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await using (var input = delivery.OpenRead())
            await using (var output = File.Create(temp))
            {
                await input.CopyToAsync(output, cancellationToken);
            }

            var summary = await delivery.WaitForCompletionAsync(cancellationToken);
            if (new FileInfo(temp).Length != summary.Length)
            {
                throw new ExportDeliveryException($"{target} arrived changed.");
            }

            if (!SkipPublishCheck)
            {
                await delivery.BeforePublishAsync(cancellationToken);
            }

            if (!WriteInPlace)
            {
                File.Move(temp, target, overwrite: true);
            }

            return new DeliveryResult(target);
        }
        catch when (!WriteInPlace)
        {
            File.Delete(temp);
            throw;
        }
    }

    public Task<ExportStaging?> BeginStagingAsync(ExportJob job, string runId, CancellationToken cancellationToken) =>
        Task.FromResult<ExportStaging?>(Stage ? new FolderStaging(this) : null);

    public Task<DestinationTestResult> TestConnectionAsync(JsonObject config, CancellationToken cancellationToken)
    {
        var folder = config["folder"]!.GetValue<string>();
        try
        {
            Directory.CreateDirectory(folder);
            return Task.FromResult(new DestinationTestResult([DestinationCheck.Passed("folder", "writable")]));
        }
        catch (IOException ex)
        {
            return Task.FromResult(new DestinationTestResult([DestinationCheck.Failed("folder", LeakSecret ? $"{ex.Message} ({config["password"]})" : ex.Message)]));
        }
    }
}
