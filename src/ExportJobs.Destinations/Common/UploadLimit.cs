using System.Globalization;
using ExportJobs.Extensibility;

namespace ExportJobs.Destinations.Common;

/// <summary>
/// A store's limit on the pieces of one upload (S3: 10,000 parts; Azure: 50,000 blocks) and on the setting that sizes
/// them. One check for every path: a whole file is checked before anything is sent, a streamed one as it grows.
/// </summary>
/// <param name="Store">The store, as the error names it.</param>
/// <param name="Pieces">What the pieces are called (<c>parts</c>, <c>blocks</c>).</param>
/// <param name="MaxPieces">The most pieces one upload may have.</param>
/// <param name="Setting">The setting that sizes the pieces, in MiB (<c>partSizeMb</c>, <c>blockSizeMb</c>).</param>
/// <param name="MaxSizeMb">The setting's largest accepted value (the store's largest piece).</param>
internal sealed record UploadLimit(string Store, string Pieces, int MaxPieces, string Setting, int MaxSizeMb)
{
    private const long Mib = 1024 * 1024;

    /// <summary>S3: at most 10,000 parts of at most 5 GiB (<c>partSizeMb</c> 5..5120).</summary>
    public static UploadLimit S3Parts { get; } = new("S3", "parts", 10_000, "partSizeMb", 5120) { MaxObjectBytes = 5L * 1024 * 1024 * 1024 * 1024 };

    /// <summary>Azure Blob Storage: at most 50,000 blocks of at most 4000 MiB (<c>blockSizeMb</c> 1..4000).</summary>
    public static UploadLimit AzureBlocks { get; } = new("Azure", "blocks", 50_000, "blockSizeMb", 4000);

    /// <summary>The store's largest object (S3: 5 TiB), below what its largest pieces add up to; <see cref="long.MaxValue"/> when the pieces are the only limit.</summary>
    public long MaxObjectBytes { get; init; } = long.MaxValue;

    /// <summary>
    /// Throws an <see cref="ExportDeliveryException"/> naming <see cref="Setting"/> (and the value that would fit) when
    /// <paramref name="length"/> bytes need more than <see cref="MaxPieces"/> pieces of <paramref name="sizeMb"/> MiB,
    /// or saying to split the export when they exceed <see cref="MaxObjectBytes"/>.
    /// </summary>
    /// <param name="location">Where the file goes, without credentials (starts the message).</param>
    /// <param name="length">The file's length, or for a file still being written the bytes written so far.</param>
    /// <param name="sizeMb">The job's piece size in MiB.</param>
    /// <param name="finished">Whether <paramref name="length"/> is the finished file's.</param>
    public void EnsureFits(string location, long length, int sizeMb, bool finished)
    {
        var pieceSize = sizeMb * Mib;
        if (length <= MaxPieces * pieceSize && length <= MaxObjectBytes)
        {
            return;
        }

        if (length > MaxObjectBytes)
        {
            throw new ExportDeliveryException(string.Create(
                CultureInfo.InvariantCulture,
                $"{location}: the file ({length:N0} bytes{(finished ? string.Empty : " so far, still being written")}) is larger than {Store}'s largest object ({MaxObjectBytes:N0} bytes): split the job's export into several files ('split'). Nothing was published."));
        }

        var neededMb = (length + (MaxPieces * Mib) - 1) / (MaxPieces * Mib);
        var fix = neededMb <= MaxSizeMb
            ? $"Raise '{Setting}' to at least {neededMb:N0}{(finished ? string.Empty : " (more as the file grows)")} (at most {MaxSizeMb:N0})"
            : $"Even '{Setting}' at its largest, {MaxSizeMb:N0}, is too small: split the job's export into several files ('split')";
        throw new ExportDeliveryException(string.Create(
            CultureInfo.InvariantCulture,
            $"{location}: the file ({length:N0} bytes{(finished ? string.Empty : " so far, still being written")}) needs more than {Store}'s {MaxPieces:N0} {Pieces} of {sizeMb:N0} MiB ('{Setting}'). {fix}. Nothing was published."));
    }
}
