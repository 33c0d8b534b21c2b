using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ExportJobs.Extensibility;
using ExportJobs.Model;

namespace ExportJobs.Testing.Destinations;

/// <summary>
/// Plays the library's side of a streaming delivery (destination contract v2) in a destination's tests: hand
/// <see cref="Delivery"/> to <see cref="IExportDestination.DeliverStreamingAsync"/>, then feed the file piece by piece
/// with <see cref="WriteAsync"/>, finish it with <see cref="CompleteAsync"/> or fail the export with <see cref="Fail"/>,
/// exactly as a run would while it writes its spool file.
/// </summary>
/// <remarks>
/// <para>
/// The bytes go to a temporary file that the delivery's streams read behind the writer, as in a run: a read that caught
/// up waits until the next <see cref="WriteAsync"/> (or the end), and <see cref="Fail"/> makes every read and wait throw
/// <see cref="ExportStreamAbortedException"/>. Write from the test while the delivery runs on its own task:
/// <code>
/// await using var feed = new StreamingDeliveryFeed("s3", config);
/// var delivering = destination.DeliverStreamingAsync(feed.Delivery, CancellationToken.None);
/// await feed.WriteAsync(firstHalf);
/// await feed.WriteAsync(secondHalf);
/// var summary = await feed.CompleteAsync();
/// var result = await delivering;
/// </code>
/// </para>
/// <para>Disposing fails the feed if it was not finished (so a delivery still running aborts) and deletes the temporary file.</para>
/// </remarks>
public sealed class StreamingDeliveryFeed : IAsyncDisposable
{
    private readonly ExportFileTail _tail;
    private readonly FileStream _file;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly ExportJob _job;
    private readonly DeliveryHooks? _hooks;
    private ExportStreamingDelivery? _delivery;
    private ExportFileSummary? _summary;
    private long _length;
    private bool _ended;

    /// <summary>A feed for a delivery of <paramref name="job"/>'s file.</summary>
    /// <param name="job">The job (its <c>destinationConfig</c> is the delivery's <see cref="ExportDeliveryContext.Config"/>).</param>
    /// <param name="hooks">How the delivery reacts to the destination reading the file and to its publish step (<see cref="ExportDeliveryContext.BeforePublishAsync"/>).</param>
    public StreamingDeliveryFeed(ExportJob job, DeliveryHooks? hooks = null)
    {
        ArgumentNullException.ThrowIfNull(job);
        _job = job;
        _hooks = hooks;
        FilePath = Path.Combine(Path.GetTempPath(), $"exportjobs-feed-{Guid.NewGuid():N}");
        _file = new FileStream(FilePath, FileMode.CreateNew, FileAccess.Write, FileShare.Read | FileShare.Delete, bufferSize: 1, FileOptions.Asynchronous);
        _tail = new ExportFileTail(FilePath);
    }

    /// <summary>A feed for a delivery to a destination of type <paramref name="destinationType"/> with settings <paramref name="config"/> (a csv job named <c>feed-job</c>).</summary>
    /// <param name="destinationType">The <c>destinationType</c> put on the delivery's job.</param>
    /// <param name="config">The job's destination settings.</param>
    /// <param name="hooks">How the delivery reacts to the destination reading the file and to its publish step.</param>
    public StreamingDeliveryFeed(string destinationType, JsonObject config, DeliveryHooks? hooks = null)
        : this(
            new ExportJob("feed-job", new ExportJobDefinition
            {
                Name = "Streaming delivery feed",
                DestinationType = destinationType,
                DestinationConfig = config,
                Format = "csv",
                Schedule = "0 3 * * *",
            }),
            hooks)
    {
    }

    /// <summary>The delivery's file name. Default <c>kit/products.csv</c>; set it before the first use of <see cref="Delivery"/>.</summary>
    public string FileName { get; init; } = "kit/products.csv";

    /// <summary>The delivery's content type. Default <c>text/csv; charset=utf-8</c>.</summary>
    public string ContentType { get; init; } = "text/csv; charset=utf-8";

    /// <summary>The delivery's content encoding (<c>gzip</c> for a compressed file). Default <see langword="null"/>.</summary>
    public string? ContentEncoding { get; init; }

    /// <summary>The delivery's run id. Default a new one per feed.</summary>
    public string RunId { get; init; } = Guid.CreateVersion7().ToString("N");

    /// <summary>The temporary file the fed bytes go to (deleted on dispose).</summary>
    public string FilePath { get; }

    /// <summary>Bytes fed so far.</summary>
    public long Length => Volatile.Read(ref _length);

    /// <summary>The delivery to hand to <see cref="IExportDestination.DeliverStreamingAsync"/>; the same object every time.</summary>
    public ExportStreamingDelivery Delivery => _delivery ??= new ExportStreamingDelivery(_tail)
    {
        Job = _job,
        RunId = RunId,
        IdempotencyKey = _job.Id + ":" + RunId,
        FileName = FileName,
        ContentType = ContentType,
        ContentEncoding = ContentEncoding,
        PublishGate = _hooks?.BeforePublish,
        BytesRead = _hooks?.Read,
    };

    /// <summary>Appends <paramref name="bytes"/> to the file and wakes the delivery's readers.</summary>
    /// <param name="bytes">The next bytes of the file.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <exception cref="InvalidOperationException">The feed was completed or failed.</exception>
    public async Task WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        await _writing.WaitAsync(cancellationToken);
        try
        {
            ThrowIfEnded();
            await _file.WriteAsync(bytes, cancellationToken);
            await _file.FlushAsync(cancellationToken);
            _hash.AppendData(bytes.Span);
            var length = Volatile.Read(ref _length) + bytes.Length;
            Volatile.Write(ref _length, length);
            _tail.Advance(length);
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>Finishes the file: the delivery's <see cref="ExportStreamingDelivery.WaitForCompletionAsync"/> returns, and reads end at its end.</summary>
    /// <param name="cancellationToken">Cancels waiting for a write in progress.</param>
    /// <returns>The file's length and SHA-256, as a run would record them.</returns>
    /// <exception cref="InvalidOperationException">The feed was failed.</exception>
    public async Task<ExportFileSummary> CompleteAsync(CancellationToken cancellationToken = default)
    {
        await _writing.WaitAsync(cancellationToken);
        try
        {
            if (_summary is not null)
            {
                return _summary;
            }

            ThrowIfEnded();
            await _file.FlushAsync(cancellationToken);
            _ended = true;
            _summary = new ExportFileSummary(_length, Convert.ToHexStringLower(_hash.GetHashAndReset()));
            _tail.Complete(_summary.Length, _summary.Sha256);
            return _summary;
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>
    /// Fails the export, as a record source that throws or a cancelled run would: every read and wait of the delivery
    /// throws <see cref="ExportStreamAbortedException"/> (with <paramref name="reason"/> as its inner exception). Does
    /// nothing once the feed was completed or failed.
    /// </summary>
    /// <param name="reason">Why the export failed, or <see langword="null"/>.</param>
    public void Fail(Exception? reason = null)
    {
        if (_tail.Fail(reason))
        {
            _ended = true;
        }
    }

    /// <summary>Fails the feed if it was not finished, closes and deletes the temporary file.</summary>
    public async ValueTask DisposeAsync()
    {
        Fail(new ObjectDisposedException(nameof(StreamingDeliveryFeed)));
        await _file.DisposeAsync();
        _hash.Dispose();
        _writing.Dispose();
        File.Delete(FilePath);
    }

    private void ThrowIfEnded()
    {
        if (_ended || _tail.IsFailed || _tail.IsComplete)
        {
            throw new InvalidOperationException("The feed was completed or failed already: a file is written once, from its start to its end.");
        }
    }
}
