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
}
