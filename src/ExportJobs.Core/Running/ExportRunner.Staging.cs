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
                var name = RenderFileName(job, run, job.Split is null ? null : part.Number);
                progress.FileName = name;
                progress.Part = parts.Count > 1 ? $"part {part.Number} of {parts.Count}" : null;
                var delivery = CreateDelivery(job, run, active, part.Path, name, format.ContentType, job.Compress ? "gzip" : null, part.Length, part.Sha256, $"{key}-part{part.Number}");
                var file = await staging.StageAsync(delivery, cancellationToken).ConfigureAwait(false);
                staged.Add(file);
                files.Add(new ExportRunFile { Name = name, Path = file.DestinationPath, Records = part.Records, Bytes = part.Length, Checksum = part.Sha256 });
            }

            var first = files[0];
            var summary = (Checksum: first.Checksum, FileName: first.Name, DestinationPath: FolderOf(first));
            if (job.Manifest)
            {
                var manifestName = RenderManifestName(job, run);
                var path = CreateSpoolPath(run, part: null);
                spoolPaths.Add(path);
                var manifest = await ExportManifestWriter.WriteAsync(path, job, run, files, cancellationToken).ConfigureAwait(false);
                progress.FileName = manifestName;
                progress.Part = "the manifest, after every data file";
                var delivery = CreateDelivery(job, run, active, path, manifestName, ExportManifestWriter.ContentType, contentEncoding: null, manifest.Length, manifest.Sha256, $"{key}-manifest");
                var file = await staging.StageAsync(delivery, cancellationToken).ConfigureAwait(false);
                staged.Add(file);
                summary = (manifest.Sha256, manifestName, file.DestinationPath);
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

            return run with
            {
                Status = ExportRunStatus.Success,
                CompletedAt = time.GetUtcNow(),
                RecordCount = progress.Records,
                FileSize = files.Sum(f => f.Bytes),
                Checksum = summary.Checksum,
                FileName = summary.FileName,
                DestinationPath = summary.DestinationPath,
                Files = files,
            };
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
