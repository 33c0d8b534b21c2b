namespace ExportJobs.Scheduling;

/// <summary>Whether the hosted scheduler's loop is running, as the scheduler reports it; read through the front door.</summary>
/// <remarks>
/// A singleton the scheduler updates when its loop starts and stops. The scheduler may sleep for hours until the next
/// occurrence, so "alive" means "the loop is running", not "it did something recently".
/// </remarks>
internal sealed class ExportSchedulerStatus
{
    private readonly Lock _lock = new();
    private bool _running;
    private DateTimeOffset? _startedAt;
    private string? _stopReason;

    /// <summary>True while the scheduler's loop runs.</summary>
    public bool IsRunning
    {
        get
        {
            lock (_lock)
            {
                return _running;
            }
        }
    }

    /// <summary>When the loop last started; null when it never started (no scheduler, or it is disabled).</summary>
    public DateTimeOffset? StartedAt
    {
        get
        {
            lock (_lock)
            {
                return _startedAt;
            }
        }
    }

    /// <summary>Why the loop stopped (the error type and message when it crashed), or null.</summary>
    public string? StopReason
    {
        get
        {
            lock (_lock)
            {
                return _stopReason;
            }
        }
    }

    /// <summary>Called by the scheduler when its loop starts.</summary>
    /// <param name="now">The current time.</param>
    public void ReportStarted(DateTimeOffset now)
    {
        lock (_lock)
        {
            _running = true;
            _startedAt = now;
            _stopReason = null;
        }
    }

    /// <summary>Called by the scheduler when its loop ends, normally or not.</summary>
    /// <param name="reason">Why: "stopped" on shutdown, the error on a crash.</param>
    public void ReportStopped(string reason)
    {
        lock (_lock)
        {
            _running = false;
            _stopReason = reason;
        }
    }
}
