using ExportJobs.Extensibility;

namespace ExportJobs.Core.Tests.Kits;

/// <summary>A file of the folder destination at its temporary name.</summary>
internal sealed class FolderStagedFile(FolderDestination owner, ExportDelivery delivery, string target, string temp) : ExportStagedFile(delivery, target)
{
    public override Task PublishAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref owner.Publishes) == owner.FailPublishAt)
        {
            throw new ExportDeliveryException($"test failure while publishing file {owner.FailPublishAt}");
        }

        File.Move(temp, DestinationPath, overwrite: true);
        owner.Published.Enqueue(DestinationPath);
        return Task.CompletedTask;
    }

    public override Task DiscardAsync(CancellationToken cancellationToken)
    {
        if (!owner.KeepDiscarded)
        {
            File.Delete(temp);
        }

        return owner.ThrowOnDiscard ? throw new IOException("test failure while discarding") : Task.CompletedTask;
    }
}
