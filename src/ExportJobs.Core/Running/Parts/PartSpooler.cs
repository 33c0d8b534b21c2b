using System.IO.Compression;
using ExportJobs.Extensibility;
using ExportJobs.Model;
using ExportJobs.Running.Spooling;

namespace ExportJobs.Running.Parts;

/// <summary>
/// Writes a run's records into one spool file per part: one part without a split; with <see cref="ExportSplit"/>, a
/// new part (a complete file of its format, with its own writer, header and gzip stream) before a record that would
/// take the current part over <see cref="ExportSplit.MaxRecords"/> or <see cref="ExportSplit.MaxBytes"/>.
/// </summary>
/// <remarks>
/// <para>
/// By size: before each record the writer is flushed, the record is written into a <see cref="RecordGate"/> that holds
/// it back, and the part is cut when the record plus the format's end (measured once on the first record, plus
/// <see cref="EndMargin"/>) could take the part over the limit. Without gzip the part's size is exact. With gzip it is
/// bounded from above by the compressed size at the last sync flush plus what came since, uncompressed, with deflate's
/// worst-case overhead (<see cref="Slack"/>); only when that bound is over the limit is the compressor sync-flushed for
/// the exact size, so flushes are few (a handful per part) and compression stays close to an unsplit file's.
/// </para>
/// <para>
/// A record that does not fit even in an empty part is written to a part of its own. A record held back is written
/// again by the next part's writer; the held bytes are discarded, so the old writer's output ends after the record before.
/// </para>
/// </remarks>
internal sealed class PartSpooler : IAsyncDisposable
{
    /// <summary>Bytes allowed on top of the measured end of a file (a writer's end may vary by a newline).</summary>
    internal const int EndMargin = 16;

    private readonly IExportFormat _format;
    private readonly ExportFormatContext _context;
    private readonly CompressionLevel? _compression;
    private readonly Func<int, string> _pathFor;
    private readonly long? _maxRecords;
    private readonly long? _maxBytes;
    private readonly Action<Func<long>> _reportFileBytes;
    private readonly ExportFileTail? _tail;
    private readonly List<SpooledPart> _parts = [];
    private long _finishedBytes;
    private long? _endBytes;
    private SpoolPipeline? _pipeline;
    private ExportFormatWriter? _writer;
    private RecordGate? _gate;
    private long _records;
    private long _fileBytesAtFlush;
    private long _acceptedAtFlush;

    /// <param name="format">The job's format.</param>
    /// <param name="context">The writers' context.</param>
    /// <param name="compression">The gzip level, or <see langword="null"/>.</param>
    /// <param name="split">The job's split, or <see langword="null"/> for one file.</param>
    /// <param name="pathFor">The spool file of a part number (the caller deletes them).</param>
    /// <param name="reportFileBytes">Told, per part, how to read the output's size so far (after gzip) for the run's progress.</param>
    /// <param name="tail">The first part's tail, when a streamed delivery reads it while it is written (runs without split only).</param>
    public PartSpooler(IExportFormat format, ExportFormatContext context, CompressionLevel? compression, ExportSplit? split, Func<int, string> pathFor, Action<Func<long>> reportFileBytes, ExportFileTail? tail = null)
    {
        _tail = tail;
        _format = format;
        _context = context;
        _compression = compression;
        _pathFor = pathFor;
        _reportFileBytes = reportFileBytes;
        _maxRecords = split?.MaxRecords;
        _maxBytes = format.IsText ? split?.MaxBytes : null;
    }

    /// <summary>Why the current part's file stage failed (disk full, ...), or <see langword="null"/>.</summary>
    public Exception? FileStageFailure => _pipeline?.FileStageFailure;

    /// <summary>Opens the first part (so that a run without records still has one, header-only, file).</summary>
    /// <param name="cancellationToken">Cancels the run.</param>
    public Task StartAsync(CancellationToken cancellationToken) => OpenPartAsync(cancellationToken);

    /// <summary>Writes one record, first starting the next part when the record would not fit in this one.</summary>
    /// <param name="row">The record.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public ValueTask WriteAsync(ExportRow row, CancellationToken cancellationToken)
    {
        if (_maxRecords is not null || _maxBytes is not null)
        {
            return WriteSplitAsync(row, cancellationToken);
        }

        // One file (most runs): no state machine per record while the writer completes synchronously and no full
        // chunk waits for the file stage. The same steps as below: write, relieve, count.
        var written = _writer!.WriteRecordAsync(row, cancellationToken);
        if (!written.IsCompletedSuccessfully)
        {
            return WriteSlowAsync(written, cancellationToken);
        }

        written.GetAwaiter().GetResult();
        var relieved = _pipeline!.RelieveAsync(cancellationToken);
        if (!relieved.IsCompletedSuccessfully)
        {
            return CountAfterAsync(relieved);
        }

        relieved.GetAwaiter().GetResult();
        _records++;
        return ValueTask.CompletedTask;
    }

    private async ValueTask WriteSlowAsync(ValueTask written, CancellationToken cancellationToken)
    {
        await written.ConfigureAwait(false);
        await _pipeline!.RelieveAsync(cancellationToken).ConfigureAwait(false);
        _records++;
    }

    private async ValueTask CountAfterAsync(ValueTask relieved)
    {
        await relieved.ConfigureAwait(false);
        _records++;
    }

    private async ValueTask WriteSplitAsync(ExportRow row, CancellationToken cancellationToken)
    {
        if (_maxRecords is { } maxRecords && _records >= maxRecords)
        {
            await NextPartAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_maxBytes is { } maxBytes)
        {
            await WriteMeasuredAsync(row, maxBytes, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _writer!.WriteRecordAsync(row, cancellationToken).ConfigureAwait(false);
        }

        await _pipeline!.RelieveAsync(cancellationToken).ConfigureAwait(false);
        _records++;
    }

    /// <summary>Finishes the last part and returns every part, in order.</summary>
    /// <param name="cancellationToken">Cancels the run.</param>
    public async Task<IReadOnlyList<SpooledPart>> CompleteAsync(CancellationToken cancellationToken)
    {
        await FinishPartAsync(cancellationToken).ConfigureAwait(false);
        return _parts;
    }

    /// <summary>Releases the open part's writer and pipeline; leaves the spool files to the caller.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
            _writer = null;
        }

        if (_pipeline is not null)
        {
            await _pipeline.DisposeAsync().ConfigureAwait(false);
            _pipeline = null;
        }

        if (_gate is not null)
        {
            await _gate.DisposeAsync().ConfigureAwait(false);
            _gate = null;
        }
    }

    /// <summary>An upper bound of what <paramref name="bytes"/> uncompressed bytes add to a gzip file, its header and trailer included.</summary>
    /// <param name="bytes">Uncompressed bytes.</param>
    internal static long Slack(long bytes) => bytes + (bytes >> 11) + 96;

    private async ValueTask WriteMeasuredAsync(ExportRow row, long maxBytes, CancellationToken cancellationToken)
    {
        _endBytes ??= await MeasureEndAsync(row, cancellationToken).ConfigureAwait(false) + EndMargin;
        var writer = _writer!;
        var gate = _gate!;
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        gate.Hold();
        await writer.WriteRecordAsync(row, cancellationToken).ConfigureAwait(false);
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (_records > 0 && !await FitsAsync(gate.HeldLength + _endBytes.Value, maxBytes, cancellationToken).ConfigureAwait(false))
        {
            gate.Discard();
            await NextPartAsync(cancellationToken).ConfigureAwait(false);
            await _writer!.WriteRecordAsync(row, cancellationToken).ConfigureAwait(false);
            return;
        }

        await gate.ReleaseAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<bool> FitsAsync(long tail, long maxBytes, CancellationToken cancellationToken)
    {
        var pipeline = _pipeline!;
        if (_compression is null)
        {
            return pipeline.BytesAccepted + tail <= maxBytes;
        }

        if (_fileBytesAtFlush + Slack(pipeline.BytesAccepted - _acceptedAtFlush + tail) <= maxBytes)
        {
            return true;
        }

        _fileBytesAtFlush = await pipeline.FlushFileAsync(cancellationToken).ConfigureAwait(false);
        _acceptedAtFlush = pipeline.BytesAccepted;
        return _fileBytesAtFlush + Slack(tail) <= maxBytes;
    }

    /// <summary>How many bytes the format writes after the last record, measured with a scratch writer and the first record.</summary>
    private async Task<long> MeasureEndAsync(ExportRow row, CancellationToken cancellationToken)
    {
        using var scratch = new MemoryStream();
        var writer = _format.CreateWriter(scratch, _context);
        await using (writer.ConfigureAwait(false))
        {
            await writer.WriteStartAsync(cancellationToken).ConfigureAwait(false);
            await writer.WriteRecordAsync(row, cancellationToken).ConfigureAwait(false);
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            var before = scratch.Length;
            await writer.WriteEndAsync(cancellationToken).ConfigureAwait(false);
            return scratch.Length - before;
        }
    }

    private async Task NextPartAsync(CancellationToken cancellationToken)
    {
        await FinishPartAsync(cancellationToken).ConfigureAwait(false);
        await OpenPartAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task OpenPartAsync(CancellationToken cancellationToken)
    {
        var pipeline = SpoolPipeline.Start(_pathFor(_parts.Count + 1), _compression, _parts.Count == 0 ? _tail : null, cancellationToken);
        _pipeline = pipeline;
        Stream output = pipeline.Output;
        if (_maxBytes is not null)
        {
            _gate?.Dispose();
            _gate = new RecordGate(output);
            output = _gate;
        }

        _records = 0;
        _fileBytesAtFlush = 0;
        _acceptedAtFlush = 0;
        var finished = _finishedBytes;
        _reportFileBytes(() => finished + pipeline.BytesWritten());
        _writer = _format.CreateWriter(output, _context);
        await _writer.WriteStartAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task FinishPartAsync(CancellationToken cancellationToken)
    {
        var writer = _writer!;
        await writer.WriteEndAsync(cancellationToken).ConfigureAwait(false);
        _writer = null;
        await writer.DisposeAsync().ConfigureAwait(false);
        var pipeline = _pipeline!;
        var spool = await pipeline.CompleteAsync(cancellationToken).ConfigureAwait(false);
        _pipeline = null;
        await pipeline.DisposeAsync().ConfigureAwait(false);
        _parts.Add(new SpooledPart(_parts.Count + 1, spool.Path, _records, spool.Length, spool.Sha256));
        _finishedBytes += spool.Length;
    }
}
