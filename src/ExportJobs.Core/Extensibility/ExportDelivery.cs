using System.Text.Json.Nodes;
using ExportJobs.Model;

namespace ExportJobs.Extensibility;

/// <summary>One finished export file handed to a destination.</summary>
public sealed class ExportDelivery
{
    private readonly string _filePath;

    /// <summary>Creates a delivery for the file at <paramref name="filePath"/>.</summary>
    /// <param name="filePath">The local (spool) file holding the complete export.</param>
    public ExportDelivery(string filePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(filePath);
        _filePath = filePath;
    }

    /// <summary>The job being exported.</summary>
    public required ExportJob Job { get; init; }

    /// <summary>The job's destination settings, with secrets in clear text.</summary>
    public JsonObject Config => Job.DestinationConfig;

    /// <summary>The run this delivery belongs to.</summary>
    public required string RunId { get; init; }

    /// <summary>A key that stays the same when the same occurrence is delivered again; receivers can drop duplicates by it.</summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>The file name rendered from the job's template (with <c>.gz</c> when compressed). May contain <c>/</c> for subfolders; never <c>..</c>.</summary>
    public required string FileName { get; init; }

    /// <summary>The MIME type of the (uncompressed) content, for example <c>text/csv; charset=utf-8</c>.</summary>
    public required string ContentType { get; init; }

    /// <summary><c>gzip</c> when the file is compressed, else <see langword="null"/>.</summary>
    public string? ContentEncoding { get; init; }

    /// <summary>The file's size in bytes.</summary>
    public required long Length { get; init; }

    /// <summary>Lower-case hex SHA-256 of the file.</summary>
    public required string Sha256 { get; init; }

    /// <summary>
    /// Called by the library right before publish: checks the run is still this host's and not cancelled, and marks it
    /// published. Set by the runner; <see langword="null"/> for a delivery built elsewhere (tests, benchmarks).
    /// </summary>
    internal Func<CancellationToken, Task>? PublishGate { get; init; }

    /// <summary>Told how many bytes of the file a destination read (for the run's live progress).</summary>
    internal Action<int>? BytesRead { get; init; }

    /// <summary>
    /// Call right before the step that makes the file visible at the destination (complete a multipart upload, commit the
    /// blocks, rename the temporary file, send the request): checks that this host still owns the run (another host may
    /// have failed it after this one stalled past its lease) and that nobody cancelled it. Throws
    /// <see cref="OperationCanceledException"/> when it must not publish; then clean up as for any cancellation, so that
    /// nothing partial is left. After it returned, a cancel request is refused as too late.
    /// </summary>
    /// <param name="cancellationToken">The token <see cref="IExportDestination.DeliverAsync"/> was given.</param>
    /// <remarks>
    /// A destination that publishes in several steps (a webhook retrying) may call it before each. It narrows, but cannot
    /// close, the window between the check and the publish call itself: a host that stalls exactly there may still publish
    /// a run another host has meanwhile failed.
    /// </remarks>
    public Task BeforePublishAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return PublishGate?.Invoke(cancellationToken) ?? Task.CompletedTask;
    }

    /// <summary>Opens the file for reading; every call returns a new stream positioned at the start (for retries).</summary>
    public Stream OpenRead()
    {
        var file = new FileStream(_filePath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return BytesRead is { } counted ? new CountingReadStream(file, counted) : file;
    }

    /// <summary>
    /// Moves the file to <paramref name="path"/> instead of copying it (a rename when both are on the same volume), for
    /// destinations that keep files on a local or mounted disk. Replaces an existing file. Afterwards
    /// <see cref="OpenRead"/> fails, so make it the last step of a delivery.
    /// </summary>
    /// <param name="path">The new path. Move to a temporary name next to the target first, then rename, so that readers
    /// never see a partial file when the move has to copy across volumes.</param>
    /// <remarks>The library deletes the file after every delivery; moving it simply hands it over and saves writing it twice.</remarks>
    public void MoveTo(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        File.Move(_filePath, path, overwrite: true);
    }
}
