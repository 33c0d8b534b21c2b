using ExportJobs.Extensibility;

namespace ExportJobs.Core.Tests.Kits;

/// <summary>The folder destination's staging: each file copied to a temporary name, renamed at publish, deleted on discard (with the owner's failure switches).</summary>
internal sealed class FolderStaging(FolderDestination owner) : ExportStaging
{
    public override async Task<ExportStagedFile> StageAsync(ExportDelivery delivery, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref owner.Staged) == owner.FailStagingAt)
        {
            throw new ExportDeliveryException($"test failure while staging file {owner.FailStagingAt}");
        }

        var target = Path.Combine(delivery.Config["folder"]!.GetValue<string>(), delivery.FileName);
        var temp = target + ".staged";
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await using (var input = delivery.OpenRead())
        await using (var output = File.Create(temp))
        {
            await input.CopyToAsync(output, cancellationToken);
        }

        return new FolderStagedFile(owner, delivery, target, temp);
    }
}
