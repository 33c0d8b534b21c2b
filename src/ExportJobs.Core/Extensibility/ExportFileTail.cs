namespace ExportJobs.Extensibility;

/// <summary>
/// The end of a file that is still being written, as its writer publishes it: how many bytes are in the file so far,
/// and finally its length and SHA-256, or why it will never be finished. Readers of a streaming delivery
/// (<see cref="ExportStreamingDelivery"/>) wait here for more bytes; the writer wakes them, nobody polls.
/// </summary>
/// <remarks>
/// <para>
/// The file is the buffer. The writer (the spool pipeline's file stage, or the testing kit's feed) appends to the file
/// and only then publishes the new length, so a reader never reads past what is on disk. The writer never waits for a
/// reader: a slow upload just stays further behind in the file, and memory holds nothing but the readers' own buffers.
/// </para>
/// <para>
/// One writer, any number of readers. A wake-up costs the writer an allocation only when a reader is actually waiting.
/// </para>
/// </remarks>
internal sealed class ExportFileTail
{
    private readonly Lock _lock = new();
    private long _length;
    private ExportFileSummary? _summary;
    private Exception? _failure;
    private TaskCompletionSource? _changed;

    /// <param name="path">The file being written; readers open it (read-only, sharing) once it has bytes.</param>
    public ExportFileTail(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = path;
    }

    /// <summary>The file being written.</summary>
    public string Path { get; }

    /// <summary>Bytes in the file so far.</summary>
    public long Length
    {
        get
        {
            lock (_lock)
            {
                return _length;
            }
        }
    }

    /// <summary>Whether the file is finished (<see cref="Complete"/>).</summary>
    public bool IsComplete
    {
        get
        {
            lock (_lock)
            {
                return _summary is not null;
            }
        }
    }

    /// <summary>Whether the file will never be finished (<see cref="Fail"/>).</summary>
    public bool IsFailed
    {
        get
        {
            lock (_lock)
            {
                return _failure is not null;
            }
        }
    }

    /// <summary>Publishes that the file now holds <paramref name="length"/> bytes (all of them written to it already).</summary>
    /// <param name="length">The file's size so far; never less than before.</param>
    public void Advance(long length)
    {
        TaskCompletionSource? changed;
        lock (_lock)
        {
            if (_summary is not null || _failure is not null || length <= _length)
            {
                return;
            }

            _length = length;
            changed = _changed;
            _changed = null;
        }

        changed?.TrySetResult();
    }

    /// <summary>Publishes the finished file. Ignored after <see cref="Fail"/>.</summary>
    /// <param name="length">Its size in bytes.</param>
    /// <param name="sha256">Lower-case hex SHA-256 of its bytes.</param>
    public void Complete(long length, string sha256)
    {
        ArgumentException.ThrowIfNullOrEmpty(sha256);
        TaskCompletionSource? changed;
        lock (_lock)
        {
            if (_summary is not null || _failure is not null)
            {
                return;
            }

            _length = length;
            _summary = new ExportFileSummary(length, sha256);
            changed = _changed;
            _changed = null;
        }

        changed?.TrySetResult();
    }

    /// <summary>Publishes that the file will never be finished: every wait and read throws <see cref="ExportStreamAbortedException"/>. Ignored once complete.</summary>
    /// <param name="reason">Why (the export's failure), or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when this call failed the tail; <see langword="false"/> when it was finished or failed already.</returns>
    public bool Fail(Exception? reason)
    {
        TaskCompletionSource? changed;
        lock (_lock)
        {
            if (_summary is not null || _failure is not null)
            {
                return false;
            }

            _failure = new ExportStreamAbortedException(ExportStreamAbortedException.DefaultMessage, reason);
            changed = _changed;
            _changed = null;
        }

        changed?.TrySetResult();
        return true;
    }

    /// <summary>Waits until the file holds at least <paramref name="length"/> bytes or is finished.</summary>
    /// <param name="length">The bytes wanted.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>The bytes in the file then (less than <paramref name="length"/> only when it is finished).</returns>
    /// <exception cref="ExportStreamAbortedException">The file will never be finished.</exception>
    public async ValueTask<long> WaitForLengthAsync(long length, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (_failure is not null)
                {
                    throw Aborted();
                }

                if (_length >= length || _summary is not null)
                {
                    return _length;
                }

                _changed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                changed = _changed.Task;
            }

            cancellationToken.ThrowIfCancellationRequested();
            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until the file is finished.</summary>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>The finished file's length and SHA-256.</returns>
    /// <exception cref="ExportStreamAbortedException">The file will never be finished.</exception>
    public async Task<ExportFileSummary> WaitForCompletionAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (_failure is not null)
                {
                    throw Aborted();
                }

                if (_summary is not null)
                {
                    return _summary;
                }

                _changed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                changed = _changed.Task;
            }

            cancellationToken.ThrowIfCancellationRequested();
            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Throws <see cref="ExportStreamAbortedException"/> when the file will never be finished (a read of written bytes stops then).</summary>
    public void ThrowIfFailed()
    {
        lock (_lock)
        {
            if (_failure is not null)
            {
                throw Aborted();
            }
        }
    }

    /// <summary>A new exception per throw (one instance thrown from several readers at once would mix up its stack trace).</summary>
    private ExportStreamAbortedException Aborted() => new(_failure!.Message, _failure.InnerException);
}
