using System.IO.Compression;
using System.Threading.Channels;
using ExportJobs.Extensibility;

namespace ExportJobs.Running.Spooling;

/// <summary>
/// Two stages beside each other: the caller serializes into <see cref="Output"/>, while a background task compresses
/// (optionally), hashes and writes the spool file. A bounded channel of pooled chunks between them keeps memory flat.
/// </summary>
/// <remarks>
/// Compressing on its own stage is what lets gzip exports keep up with plain ones: on two cores, CSV with gzip in the
/// serializing thread reached about half the plain rate; beside it, close to the plain rate.
/// </remarks>
internal sealed class SpoolPipeline : IAsyncDisposable
{
    private const int ChunkSize = 128 * 1024;
    private const int ChannelCapacity = 8;
    private readonly Channel<SpoolChunk> _channel;
    private readonly CancellationTokenSource _abort;
    private readonly Task<SpoolFile> _fileStage;
    private readonly ChunkingStream _output;

    private SpoolPipeline(string path, CompressionLevel? compression, ExportFileTail? tail, CancellationToken cancellationToken)
    {
        _channel = Channel.CreateBounded<SpoolChunk>(new BoundedChannelOptions(ChannelCapacity) { SingleReader = true, SingleWriter = true });
        _abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _output = new ChunkingStream(_channel.Writer, ChunkSize);
        var stage = new HashingFileStage(_channel.Reader, path, compression, tail);
        BytesWritten = () => stage.BytesWritten;
        var token = _abort.Token;
        _fileStage = Task.Run(async () =>
        {
            try
            {
                return await stage.RunAsync(token).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // Stops the serializing side: its next wait for room fails instead of waiting forever.
                _channel.Writer.TryComplete(ex);
                throw;
            }
        }, CancellationToken.None);
    }

    /// <summary>Reads how many bytes of the file (after gzip) are written so far; safe from any thread.</summary>
    public Func<long> BytesWritten { get; }

    /// <summary>Where the format writer writes.</summary>
    public Stream Output => _output;

    /// <summary>Why the file stage failed (disk full, access denied, ...), or <see langword="null"/>.</summary>
    public Exception? FileStageFailure => _fileStage.IsFaulted ? _fileStage.Exception?.InnerException : null;

    /// <summary>Starts a pipeline writing a new file at <paramref name="path"/>.</summary>
    /// <param name="path">The spool file; must not exist.</param>
    /// <param name="compression">The gzip level, or <see langword="null"/> for no compression.</param>
    /// <param name="tail">Told the file's size after every write and its length and SHA-256 at the end (a streamed delivery reads behind it), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels both stages.</param>
    public static SpoolPipeline Start(string path, CompressionLevel? compression, ExportFileTail? tail, CancellationToken cancellationToken) =>
        new(path, compression, tail, cancellationToken);

    /// <summary>Call after each record: hands on chunks that synchronous writes left waiting.</summary>
    /// <param name="cancellationToken">Cancels waiting.</param>
    public ValueTask RelieveAsync(CancellationToken cancellationToken) =>
        _output.HasPending ? RelieveSlowAsync(cancellationToken) : ValueTask.CompletedTask;

    /// <summary>Bytes the format writer handed to <see cref="Output"/> so far (before gzip).</summary>
    public long BytesAccepted => _output.BytesWritten;

    /// <summary>
    /// Hands on everything written so far and waits until the file stage has written it, compressor flushed (a gzip
    /// sync flush), returning the file's exact size at that point. Used to cut parts by delivered size.
    /// </summary>
    /// <param name="cancellationToken">Cancels waiting.</param>
    public async Task<long> FlushFileAsync(CancellationToken cancellationToken)
    {
        var marker = SpoolChunk.FlushMarker();
        try
        {
            await _output.HandOnAsync(cancellationToken).ConfigureAwait(false);
            await _channel.Writer.WriteAsync(marker, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            await _fileStage.ConfigureAwait(false);
            throw;
        }

        // The file stage either answers the marker or fails (then its exception is the one to report).
        var done = await Task.WhenAny(marker.Flushed!.Task, _fileStage).ConfigureAwait(false);
        if (done != marker.Flushed.Task)
        {
            await _fileStage.ConfigureAwait(false);
            throw new InvalidOperationException("The spool file was finished before it was flushed.");
        }

        return await marker.Flushed.Task.ConfigureAwait(false);
    }

    /// <summary>Ends the input and waits for the file stage to finish the file.</summary>
    /// <param name="cancellationToken">Cancels waiting.</param>
    public async Task<SpoolFile> CompleteAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _output.CompleteAsync(cancellationToken).ConfigureAwait(false);
            _channel.Writer.TryComplete();
        }
        catch (ChannelClosedException)
        {
            // The file stage failed; its exception is the one to report.
        }

        return await _fileStage.ConfigureAwait(false);
    }

    /// <summary>Stops the file stage if it still runs and releases every buffer. Leaves the file to the caller.</summary>
    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await _abort.CancelAsync().ConfigureAwait(false);
        try
        {
            await _fileStage.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ChannelClosedException or InvalidOperationException)
        {
            // Already reported by CompleteAsync, or the run failed elsewhere and the file is being discarded.
        }

        while (_channel.Reader.TryRead(out var chunk))
        {
            chunk.Return();
        }

        _output.ReleaseUnsent();
        _abort.Dispose();
    }

    private async ValueTask RelieveSlowAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _output.RelieveAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            await _fileStage.ConfigureAwait(false);
            throw;
        }
    }
}
