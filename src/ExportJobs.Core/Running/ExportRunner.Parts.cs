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
                var delivery = PartDelivery(job, run, active, format, part, parts.Count, key);
                var result = await destination.DeliverAsync(delivery, cancellationToken).ConfigureAwait(false);
                delivered.Add((delivery, result));
                files.Add(FileOf(delivery, part, result.DestinationPath));
            }

            var summary = FirstFileSummary(files);
            if (job.Manifest)
            {
                var manifest = await ManifestDeliveryAsync(job, run, active, files, spoolPaths, key, cancellationToken).ConfigureAwait(false);
                var result = await destination.DeliverAsync(manifest, cancellationToken).ConfigureAwait(false);
                summary = (manifest.Sha256, manifest.FileName, result.DestinationPath);
            }

            return SucceededWithFiles(run, active, files, summary);
        }
        catch (Exception) when (delivered.Count > 0)
        {
            progress.DeliveryNote = await RemoveDeliveredAsync(job, destination, delivered, "delivered").ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The delivery of one written part, named by the job's template; tells the run's progress which part it is.</summary>
    private ExportDelivery PartDelivery(ExportJob job, ExportRun run, ActiveRun active, IExportFormat format, SpooledPart part, int partCount, string key)
    {
        var name = RenderFileName(job, run, job.Split is null ? null : part.Number);
        active.Progress.FileName = name;
        active.Progress.Part = partCount > 1 ? $"part {part.Number} of {partCount}" : null;
        return CreateDelivery(job, run, active, part.Path, name, format.ContentType, job.Compress ? "gzip" : null, part.Length, part.Sha256, $"{key}-part{part.Number}");
    }

    /// <summary>What the run records of a delivered (or staged) part.</summary>
    private static ExportRunFile FileOf(ExportDelivery delivery, SpooledPart part, string destinationPath) =>
        new() { Name = delivery.FileName, Path = destinationPath, Records = part.Records, Bytes = part.Length, Checksum = part.Sha256 };

    /// <summary>The run's checksum, file name and destination path without a manifest: the first part's, and its folder.</summary>
    private static (string Checksum, string FileName, string DestinationPath) FirstFileSummary(List<ExportRunFile> files) =>
        (files[0].Checksum, files[0].Name, FolderOf(files[0]));

    /// <summary>Writes the manifest of <paramref name="files"/> to the spool and returns its delivery (published after every data file).</summary>
    private async Task<ExportDelivery> ManifestDeliveryAsync(ExportJob job, ExportRun run, ActiveRun active, List<ExportRunFile> files, List<string> spoolPaths, string key, CancellationToken cancellationToken)
    {
        var manifestName = RenderManifestName(job, run);
        var path = CreateSpoolPath(run, part: null);
        spoolPaths.Add(path);
        var manifest = await ExportManifestWriter.WriteAsync(path, job, run, files, cancellationToken).ConfigureAwait(false);
        active.Progress.FileName = manifestName;
        active.Progress.Part = "the manifest, after every data file";

        // The delivery's progress counts the manifest's bytes too (it is capped at this total): without them, the
        // progress stood still at the parts' total while the manifest was sent.
        active.Progress.FileLength += manifest.Length;
        return CreateDelivery(job, run, active, path, manifestName, ExportManifestWriter.ContentType, contentEncoding: null, manifest.Length, manifest.Sha256, $"{key}-manifest");
    }

    /// <summary>The successful run of a split (or manifested) delivery: totals of its files, and the summary's checksum, name and path.</summary>
    private ExportRun SucceededWithFiles(ExportRun run, ActiveRun active, List<ExportRunFile> files, (string Checksum, string FileName, string DestinationPath) summary) => run with
    {
        Status = ExportRunStatus.Success,
        CompletedAt = time.GetUtcNow(),
        RecordCount = active.Progress.Records,
        FileSize = files.Sum(f => f.Bytes),
        Checksum = summary.Checksum,
        FileName = summary.FileName,
        DestinationPath = summary.DestinationPath,
        Files = files,
    };

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
