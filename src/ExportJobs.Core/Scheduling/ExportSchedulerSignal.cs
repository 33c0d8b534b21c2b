using System.Collections.Concurrent;
using System.Threading.Channels;
using ExportJobs.Extensibility;

namespace ExportJobs.Scheduling;

/// <summary>Wakes the scheduler: when a job changes, when its timer fires and when a run it started ends.</summary>
/// <remarks>
/// It is a separate singleton (not the scheduler itself) so that <see cref="Management.ExportJobManager"/>, which the
/// scheduler uses to pause jobs, can depend on its listeners without a cycle. Changes are only queued while the
/// scheduler runs; it reads every job when it starts, so nothing is lost before that.
/// </remarks>
internal sealed class ExportSchedulerSignal : IExportJobChangeListener
{
    private readonly ConcurrentQueue<string> _changes = new();
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private long _sequence;
    private volatile bool _open;

    /// <summary>Counts every wake-up; the scheduler is idle when it finished a pass that began at the current value.</summary>
    public long Sequence => Interlocked.Read(ref _sequence);

    public void OnJobChanged(string jobId)
    {
        if (_open && jobId is not null)
        {
            _changes.Enqueue(jobId);
            Wake();
        }
    }

    /// <summary>Starts queueing changes (called by the scheduler before it reads the jobs).</summary>
    public void Open() => _open = true;

    /// <summary>Stops queueing changes and drops the queued ones.</summary>
    public void Close()
    {
        _open = false;
        _changes.Clear();
    }

    public void Wake()
    {
        Interlocked.Increment(ref _sequence);
        _wake.Writer.TryWrite(true);
    }

    public bool TryDequeueChange(out string jobId) => _changes.TryDequeue(out jobId!);

    public ValueTask<bool> WaitAsync(CancellationToken cancellationToken) => _wake.Reader.ReadAsync(cancellationToken);
}
