using System.IO.Compression;
using System.Security.Cryptography;
using System.Threading.Channels;
using ExportJobs.Extensibility;

namespace ExportJobs.Running.Spooling;

/// <summary>
/// The second stage of the spool pipeline, on its own task: takes chunks from the channel, gzips them when asked,
/// and writes the file while counting its bytes and computing its SHA-256.
/// </summary>
/// <remarks>
/// With a tail (a streamed delivery reads the file while it is written) it publishes the file's size after every write
/// that reached the file, and the finished file's length and SHA-256 once the file is closed. The file is opened for
/// sharing reads, and the stage never waits for a reader: the file on disk is the buffer between the export and the
/// upload, so a slow upload costs disk space (as a whole-file delivery does), never memory or export time.
/// </remarks>
internal sealed class HashingFileStage
{
    private readonly ChannelReader<SpoolChunk> _chunks;
    private readonly string _path;
    private readonly CompressionLevel? _compression;
    private readonly ExportFileTail? _tail;
    private HashingStream? _target;

    public HashingFileStage(ChannelReader<SpoolChunk> chunks, string path, CompressionLevel? compression, ExportFileTail? tail = null)
    {
        _chunks = chunks;
        _path = path;
        _compression = compression;
        _tail = tail;
    }

    /// <summary>Bytes written to the file so far (read from another thread: a torn read is impossible for a 64-bit field).</summary>
    public long BytesWritten => Volatile.Read(ref _target)?.BytesWritten ?? 0;

    public async Task<SpoolFile> RunAsync(CancellationToken cancellationToken)
    {
        SpoolFile spool;
        var file = new FileStream(_path, FileMode.CreateNew, FileAccess.Write, FileShare.Read | FileShare.Delete, bufferSize: 1, FileOptions.Asynchronous);
        await using (file.ConfigureAwait(false))
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var target = new HashingStream(file, hash, _tail is { } tail ? tail.Advance : null);
            _target = target;
            await using (target.ConfigureAwait(false))
            {
                if (_compression is { } level)
                {
                    var buffered = new BufferedStream(target, 128 * 1024);
                    var gzip = new GZipStream(buffered, level, leaveOpen: false);
                    await using (gzip.ConfigureAwait(false))
                    {
                        await CopyChunksAsync(gzip, buffered, target, cancellationToken).ConfigureAwait(false);
                    }
                }
                else
                {
                    await CopyChunksAsync(target, target, target, cancellationToken).ConfigureAwait(false);
                }

                await target.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            spool = new SpoolFile(_path, target.BytesWritten, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }

        // Published once the file is closed: a reader that sees the end sees every byte.
        _tail?.Complete(spool.Length, spool.Sha256);
        return spool;
    }

    private async Task CopyChunksAsync(Stream target, Stream buffer, HashingStream file, CancellationToken cancellationToken)
    {
        await foreach (var chunk in _chunks.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (chunk.Flushed is { } flushed)
            {
                // A sync flush: everything so far is in the file as complete deflate blocks, so its size is exact.
                await target.FlushAsync(cancellationToken).ConfigureAwait(false);
                await buffer.FlushAsync(cancellationToken).ConfigureAwait(false);
                flushed.TrySetResult(file.BytesWritten);
                continue;
            }

            try
            {
                await target.WriteAsync(chunk.Buffer.AsMemory(0, chunk.Length), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                chunk.Return();
            }
        }
    }
}
