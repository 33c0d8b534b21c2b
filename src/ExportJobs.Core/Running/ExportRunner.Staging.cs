using ExportJobs.Extensibility;
using ExportJobs.Model;
using ExportJobs.Running.Parts;
using Microsoft.Extensions.Logging;

namespace ExportJobs.Running;

internal sealed partial class ExportRunner
{
    /// <summary>
    /// Staged publish (destination contract v2): stages every part, then the manifest, checks the run is still this
    /// host's, and only then publishes them in order. A failure before the publish phase discards every staged file (a
    /// consumer saw nothing); a failure while publishing discards the files not published yet and removes the published ones.
    /// </summary>
    private async Task<ExportRun> PublishStagedAsync(ExportJob job, ExportRun run, ActiveRun active, IExportFormat format, IExportDestination destination, ExportStaging staging, IReadOnlyList<SpooledPart> parts, List<string> spoolPaths, CancellationToken cancellationToken)
    {
        var progress = active.Progress;
        var staged = new List<ExportStagedFile>(parts.Count + 1);
        var files = new List<ExportRunFile>(parts.Count);
        var key = IdempotencyKey(job, run);
        var published = 0;
        try
        {
            foreach (var part in parts)
            {
                var delivery = PartDelivery(job, run, active, format, part, parts.Count, key);
                var file = await staging.StageAsync(delivery, cancellationToken).ConfigureAwait(false);
                staged.Add(file);
                files.Add(FileOf(delivery, part, file.DestinationPath));
            }

            var summary = FirstFileSummary(files);
            if (job.Manifest)
            {
                var manifest = await ManifestDeliveryAsync(job, run, active, files, spoolPaths, key, cancellationToken).ConfigureAwait(false);
                var file = await staging.StageAsync(manifest, cancellationToken).ConfigureAwait(false);
                staged.Add(file);
                summary = (manifest.Sha256, manifest.FileName, file.DestinationPath);
            }

            // The ownership check (and the point after which a cancel request is too late), once, before anything is visible.
            await BeforePublishAsync(run, active, cancellationToken).ConfigureAwait(false);
            foreach (var file in staged)
            {
                progress.FileName = file.Delivery.FileName;
                progress.Part = $"publishing {published + 1} of {staged.Count} staged files";
                await file.PublishAsync(cancellationToken).ConfigureAwait(false);
                published++;
            }

            return SucceededWithFiles(run, active, files, summary);
        }
        catch (Exception)
        {
            progress.DeliveryNote = await UndoStagedAsync(job, destination, staged, published).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Discards the files staged but not published, removes the published ones (newest first); returns the sentence for the run's error.</summary>
    private async Task<string> UndoStagedAsync(ExportJob job, IExportDestination destination, List<ExportStagedFile> staged, int published)
    {
        using var timeout = new CancellationTokenSource(RemovalTimeout, time);
        var notDiscarded = 0;
        for (var i = staged.Count - 1; i >= published; i--)
        {
            try
            {
                await staged[i].DiscardAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                notDiscarded++;
                logger.LogWarning("Discarding the staged {DestinationPath} of a failed run of job {JobId} failed ({ExceptionType}): {Message}", staged[i].DestinationPath, job.Id, ex.GetType().Name, secrets.Scrub(ex.Message, job));
            }
        }

        var discarded = notDiscarded == 0
            ? string.Empty
            : $" {notDiscarded} staged {(notDiscarded == 1 ? "file" : "files")} could not be discarded (invisible to consumers; see the host's log).";
        if (published == 0)
        {
            return " Nothing of this run was published: files are published only once all are staged." + discarded;
        }

        var delivered = staged.Take(published).Select(f => (f.Delivery, new DeliveryResult(f.DestinationPath))).ToList();
        return await RemoveDeliveredAsync(job, destination, delivered, "published").ConfigureAwait(false) + discarded;
    }
}
