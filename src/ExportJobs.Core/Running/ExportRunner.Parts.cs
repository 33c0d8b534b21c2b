using ExportJobs.Extensibility;
using ExportJobs.Model;
using ExportJobs.Running.Parts;
using Microsoft.Extensions.Logging;

namespace ExportJobs.Running;

internal sealed partial class ExportRunner
{
    /// <summary>How long removing a failed run's delivered files may take, all together.</summary>
    internal static readonly TimeSpan RemovalTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Delivers a split run's parts (every one written already) and then its manifest: staged, then published, when the
    /// destination can stage (<see cref="IExportDestination.BeginStagingAsync"/>); else one by one.
    /// </summary>
    private async Task<ExportRun> DeliverPartsAsync(ExportJob job, ExportRun run, ActiveRun active, IExportFormat format, IExportDestination destination, IReadOnlyList<SpooledPart> parts, List<string> spoolPaths, CancellationToken cancellationToken)
    {
        var staging = await destination.BeginStagingAsync(job, run.Id, cancellationToken).ConfigureAwait(false);
        if (staging is null)
        {
            return await DeliverOneByOneAsync(job, run, active, format, destination, parts, spoolPaths, cancellationToken).ConfigureAwait(false);
        }

        await using (staging.ConfigureAwait(false))
        {
            return await PublishStagedAsync(job, run, active, format, destination, staging, parts, spoolPaths, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Delivers a split run's parts one by one with <see cref="IExportDestination.DeliverAsync"/>, then its manifest;
    /// when one fails, removes the files delivered before it (<see cref="IExportDestination.RemoveAsync"/>) and says in
    /// the error what is left.
    /// </summary>
    private async Task<ExportRun> DeliverOneByOneAsync(ExportJob job, ExportRun run, ActiveRun active, IExportFormat format, IExportDestination destination, IReadOnlyList<SpooledPart> parts, List<string> spoolPaths, CancellationToken cancellationToken)
    {
        var progress = active.Progress;
        var delivered = new List<(ExportDelivery Delivery, DeliveryResult Result)>();
        var files = new List<ExportRunFile>(parts.Count);
        var key = IdempotencyKey(job, run);
        try
        {
            foreach (var part in parts)
            {
                var name = RenderFileName(job, run, job.Split is null ? null : part.Number);
                progress.FileName = name;
                progress.Part = parts.Count > 1 ? $"part {part.Number} of {parts.Count}" : null;
                var delivery = CreateDelivery(job, run, active, part.Path, name, format.ContentType, job.Compress ? "gzip" : null, part.Length, part.Sha256, $"{key}-part{part.Number}");
                var result = await destination.DeliverAsync(delivery, cancellationToken).ConfigureAwait(false);
                delivered.Add((delivery, result));
                files.Add(new ExportRunFile { Name = name, Path = result.DestinationPath, Records = part.Records, Bytes = part.Length, Checksum = part.Sha256 });
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
                var result = await destination.DeliverAsync(delivery, cancellationToken).ConfigureAwait(false);
                summary = (manifest.Sha256, manifestName, result.DestinationPath);
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
        catch (Exception) when (delivered.Count > 0)
        {
            progress.DeliveryNote = await RemoveDeliveredAsync(job, destination, delivered, "delivered").ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A file's folder or prefix: its path without its name (the whole path when it does not end with the name).</summary>
    private static string FolderOf(ExportRunFile file) =>
        file.Path.EndsWith(file.Name, StringComparison.Ordinal) ? file.Path[..^file.Name.Length] : file.Path;

    /// <summary>Removes what a failed run delivered, newest first; returns the sentence for the run's error.</summary>
    private async Task<string> RemoveDeliveredAsync(ExportJob job, IExportDestination destination, List<(ExportDelivery Delivery, DeliveryResult Result)> delivered, string verb)
    {
        var left = new List<string>();
        using var timeout = new CancellationTokenSource(RemovalTimeout, time);
        for (var i = delivered.Count - 1; i >= 0; i--)
        {
            var (delivery, result) = delivered[i];
            bool removed;
            try
            {
                removed = await destination.RemoveAsync(delivery, result, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                removed = false;
                logger.LogWarning("Removing {DestinationPath} of a failed run of job {JobId} failed ({ExceptionType}): {Message}", result.DestinationPath, job.Id, ex.GetType().Name, secrets.Scrub(ex.Message, job));
            }

            if (!removed)
            {
                // A path that does not name the file (a webhook's URL) is told with the file's name.
                left.Insert(0, result.DestinationPath.EndsWith(delivery.FileName, StringComparison.Ordinal) ? result.DestinationPath : $"{delivery.FileName} at {result.DestinationPath}");
            }
        }

        return left.Count == 0
            ? $" The {Files(delivered.Count)} {verb} before were removed again; nothing of this run is left at the destination."
            : $" Left at the destination, to remove by hand ({left.Count} of the {Files(delivered.Count)} {verb} before; no manifest was {(verb == "delivered" ? "written" : "published")}): {string.Join(", ", left)}.";

        static string Files(int count) => count == 1 ? "1 file" : $"{count} files";
    }
}
