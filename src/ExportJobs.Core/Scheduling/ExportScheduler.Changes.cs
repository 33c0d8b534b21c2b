using System.Collections.Concurrent;
using System.Threading.Channels;
using ExportJobs.Extensibility;

namespace ExportJobs.Scheduling;

/// <summary>What wakes the scheduler: a changed job, its timer, a run it started that ended.</summary>
/// <remarks>
/// The scheduler is itself a job change listener: nothing it depends on depends on the front door (auto-pause is a
/// listener on run events, not a call from here). Changes are only queued while the loop runs; it reads every job when
/// it starts, so nothing is lost before that.
/// </remarks>
internal sealed partial class ExportScheduler : IExportJobChangeListener
{
    private readonly ConcurrentQueue<string> _changes = new();
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private long _wakeSequence;
    private volatile bool _open;

    /// <summary>Counts every wake-up; the scheduler is idle when it finished a pass that began at the current value.</summary>
    private long WakeSequence => Interlocked.Read(ref _wakeSequence);

    /// <summary>Queues the change and wakes the loop, which reschedules that job only.</summary>
    /// <param name="jobId">The job that was created, changed or deleted.</param>
    public void OnJobChanged(string jobId)
    {
        if (_open && jobId is not null)
        {
            _changes.Enqueue(jobId);
            Wake();
        }
    }

    /// <summary>Starts queueing changes (before the loop reads the jobs).</summary>
    private void OpenChanges() => _open = true;

    /// <summary>Stops queueing changes and drops the queued ones.</summary>
    private void CloseChanges()
    {
        _open = false;
        _changes.Clear();
    }

    private void Wake()
    {
        Interlocked.Increment(ref _wakeSequence);
        _wake.Writer.TryWrite(true);
    }

    private bool TryDequeueChange(out string jobId) => _changes.TryDequeue(out jobId!);

    private ValueTask<bool> WaitForWakeAsync(CancellationToken cancellationToken) => _wake.Reader.ReadAsync(cancellationToken);
}
