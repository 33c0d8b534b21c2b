namespace ExportJobs.Extensibility;

/// <summary>One finished export file handed to a destination (<see cref="IExportDestination.DeliverAsync"/>).</summary>
/// <remarks>The job, run, names and the publish check are on <see cref="ExportDeliveryContext"/>, shared with <see cref="ExportStreamingDelivery"/>.</remarks>
public sealed class ExportDelivery : ExportDeliveryContext
{
    private readonly string _filePath;

    /// <summary>Creates a delivery for the file at <paramref name="filePath"/>.</summary>
    /// <param name="filePath">The local (spool) file holding the complete export.</param>
    public ExportDelivery(string filePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(filePath);
        _filePath = filePath;
    }

    /// <summary>The file's size in bytes.</summary>
    public required long Length { get; init; }

    /// <summary>Lower-case hex SHA-256 of the file.</summary>
    public required string Sha256 { get; init; }

    /// <summary>Opens the file for reading; every call returns a new stream positioned at the start (for retries).</summary>
    public Stream OpenRead()
    {
        var file = new FileStream(_filePath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return Reads is { } reads ? new CountingReadStream(file, reads) : file;
    }

    /// <inheritdoc />
    public override Stream OpenWindow(long offset, long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset, Length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, Length - offset);
        return new ExportFileWindow(_filePath, offset, length, Reads);
    }

    /// <summary>
    /// Moves the file to <paramref name="path"/> instead of copying it (a rename when both are on the same volume), for
    /// destinations that keep files on a local or mounted disk. Replaces an existing file. Afterwards
    /// <see cref="OpenRead"/> and <see cref="OpenWindow"/> fail, so make it the last step of a delivery.
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
