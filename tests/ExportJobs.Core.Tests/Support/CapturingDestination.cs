using System.Text.Json.Nodes;
using ExportJobs.Extensibility;
using ExportJobs.Validation;

namespace ExportJobs.Core.Tests.Support;

/// <summary>Copies delivered files into a folder (atomically: temp name, then rename), or fails on request.</summary>
internal sealed class CapturingDestination : IExportDestination
{
    public const string Name = "capture";

    public string Folder { get; set; } = Path.GetTempPath();

    public Exception? Failure { get; set; }

    /// <summary>Fails the delivery with this 1-based number (counting every delivery), when set.</summary>
    public int? FailAtDelivery { get; set; }

    /// <summary>Whether <see cref="RemoveAsync"/> deletes delivered files (else it is the contract's default: cannot).</summary>
    public bool CanRemove { get; set; }

    public List<string> Removed { get; } = [];

    public List<ExportDelivery> Deliveries { get; } = [];

    public IReadOnlyCollection<string> SecretSettings => ["password"];

    public void Validate(JsonObject config, ValidationErrors errors)
    {
    }

    public async Task<DeliveryResult> DeliverAsync(ExportDelivery delivery, CancellationToken cancellationToken)
    {
        Deliveries.Add(delivery);
        if (Failure is not null)
        {
            throw Failure;
        }

        if (Deliveries.Count == FailAtDelivery)
        {
            throw new ExportDeliveryException($"The server refused '{delivery.FileName}' (test failure at delivery {FailAtDelivery}).");
        }

        var target = Path.Combine(Folder, delivery.FileName);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = target + ".partial";
        await using (var input = delivery.OpenRead())
        await using (var output = File.Create(temp))
        {
            await input.CopyToAsync(output, cancellationToken);
        }

        File.Move(temp, target, overwrite: true);
        return new DeliveryResult(target);
    }

    public Task<bool> RemoveAsync(ExportDelivery delivery, DeliveryResult delivered, CancellationToken cancellationToken)
    {
        if (!CanRemove)
        {
            return Task.FromResult(false);
        }

        File.Delete(delivered.DestinationPath);
        Removed.Add(delivered.DestinationPath);
        return Task.FromResult(true);
    }
}
