using ExportJobs.Extensibility;

namespace ExportJobs.Core.Tests.Kits;

/// <summary>A file of the folder destination at its temporary name.</summary>
internal sealed class FolderStagedFile(ExportDelivery delivery, string target, string temp, bool keepDiscarded) : ExportStagedFile(delivery, target)
{
    public override Task PublishAsync(CancellationToken cancellationToken)
    {
        File.Move(temp, DestinationPath, overwrite: true);
        return Task.CompletedTask;
    }

    public override Task DiscardAsync(CancellationToken cancellationToken)
    {
        if (!keepDiscarded)
        {
            File.Delete(temp);
        }

        return Task.CompletedTask;
    }
}
