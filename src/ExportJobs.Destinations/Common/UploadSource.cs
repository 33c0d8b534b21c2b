using System.Security.Cryptography;
using ExportJobs.Extensibility;

namespace ExportJobs.Destinations.Common;

/// <summary>
/// What an s3 or azure-blob upload needs of the file it sends, whether it is delivered whole (<see cref="ExportDelivery"/>)
/// or while it is written (<see cref="ExportStreamingDelivery"/>): its description, windows of its bytes, the publish
/// check, and its length and SHA-256 (for a streamed file known only once it is finished: <see cref="Finish"/>).
/// </summary>
internal sealed class UploadSource
{
    private readonly ExportDeliveryContext _delivery;

    private UploadSource(ExportDeliveryContext delivery)
    {
        _delivery = delivery;
        RunId = delivery.RunId;
        ContentType = delivery.ContentType;
        ContentEncoding = delivery.ContentEncoding;
        BeforePublishAsync = delivery.BeforePublishAsync;
    }

    public string RunId { get; }

    public string ContentType { get; }

    public string? ContentEncoding { get; }

    /// <summary>The file's length; for a streamed file 0 until <see cref="Finish"/>.</summary>
    public long Length { get; private set; }

    /// <summary>Whether the file is finished: its <see cref="Length"/> and <see cref="Sha256"/> are known.</summary>
    public bool IsFinished => Sha256 is not null;

    /// <summary>Lower-case hex SHA-256 of the file; for a streamed file <see langword="null"/> until <see cref="Finish"/>.</summary>
    public string? Sha256 { get; private set; }

    /// <summary>
    /// Opens a seekable, read-only window of <c>length</c> bytes at <c>offset</c>, each call independent of the others
    /// (one per part or block in flight; <see cref="ExportDeliveryContext.OpenWindow"/>). For a streamed file, only over
    /// bytes already written (wait for them first).
    /// </summary>
    public Stream OpenWindow(long offset, long length) => _delivery.OpenWindow(offset, length);

    /// <summary>
    /// Opens the window of <paramref name="length"/> bytes at <paramref name="offset"/> and hashes it
    /// (<see cref="ContentDigest.ComputeAsync"/>, rewound afterwards), for the part or block it becomes; the window is
    /// disposed when hashing fails, else the caller owns it.
    /// </summary>
    /// <param name="offset">Where the window starts.</param>
    /// <param name="length">Its length.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <param name="whole">Also gets the bytes (a hash of the whole file, piece by piece), when given.</param>
    /// <param name="alsoWhole">Also gets the bytes, when given.</param>
    /// <param name="withSha256">Whether the piece's SHA-256 is computed too.</param>
    public async Task<(Stream Window, ContentDigest Digest)> OpenHashedAsync(long offset, long length, CancellationToken cancellationToken, IncrementalHash? whole = null, IncrementalHash? alsoWhole = null, bool withSha256 = true)
    {
        var window = OpenWindow(offset, length);
        try
        {
            return (window, await ContentDigest.ComputeAsync(window, cancellationToken, whole, alsoWhole, withSha256).ConfigureAwait(false));
        }
        catch
        {
            await window.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The library's check right before the visible step.</summary>
    public Func<CancellationToken, Task> BeforePublishAsync { get; }

    public static UploadSource Of(ExportDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return new UploadSource(delivery)
        {
            Length = delivery.Length,
            Sha256 = delivery.Sha256,
        };
    }

    public static UploadSource Of(ExportStreamingDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return new UploadSource(delivery);
    }

    /// <summary>Records the finished streamed file's length and SHA-256 (what the run records as <c>fileSize</c> and <c>checksum</c>).</summary>
    public void Finish(ExportFileSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        Length = summary.Length;
        Sha256 = summary.Sha256;
    }
}
