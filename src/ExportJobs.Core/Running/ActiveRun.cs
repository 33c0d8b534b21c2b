namespace ExportJobs.Running;

/// <summary>
/// A run in progress in this process: its cancellation and the reason given for it, its live progress, and the point
/// of no return (publish) after which a cancel request is refused.
/// </summary>
internal sealed class ActiveRun(CancellationToken stopping) : IDisposable
{
    private readonly CancellationTokenSource _cancellation = CancellationTokenSource.CreateLinkedTokenSource(stopping);
    private readonly Lock _gate = new();
    private string? _reason;
    private bool _published;

    public CancellationToken Token => _cancellation.Token;

    public Task<Model.ExportRun>? Completion { get; set; }

    /// <summary>The run as opened (id, owner, epoch), once it is opened.</summary>
    public Model.ExportRun? Run { get; set; }

    /// <summary>The store's write of the opened run; its lease is renewed only once this completed.</summary>
    public Task? Recorded { get; set; }

    /// <summary>The id of the run, once it is stored.</summary>
    public string? RunId => Run?.Id;

    /// <summary>How far the run got; updated by the runner, read by the API and the lease heartbeat.</summary>
    public RunProgress Progress { get; } = new();

    /// <summary>Why it was cancelled: the reason given to <see cref="Cancel"/>, else (the host's stopping token) shutdown.</summary>
    public string Reason => _reason ?? ExportRunErrors.ShuttingDown;

    /// <summary>Whether the run was cancelled on request (<see cref="TryCancelOnRequest"/>), not by shutdown or deletion.</summary>
    public bool CancelledOnRequest { get; private set; }

    /// <summary>Who asked for the cancel, when known.</summary>
    public string? CancelledBy { get; private set; }

    /// <summary>Whether another host took the run away (its lease expired); nothing may be published or recorded then.</summary>
    public bool Lost { get; private set; }

    public void Cancel(string reason)
    {
        Interlocked.CompareExchange(ref _reason, reason, null);
        try
        {
            _cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The run ended meanwhile.
        }
    }

    /// <summary>Cancels on a user's request, unless the run already published its file (then too late: <see langword="false"/>).</summary>
    /// <param name="requestedBy">Who asked, when known.</param>
    public bool TryCancelOnRequest(string? requestedBy)
    {
        lock (_gate)
        {
            if (_published)
            {
                return false;
            }

            if (!CancelledOnRequest && _reason is null)
            {
                CancelledOnRequest = true;
                CancelledBy = requestedBy;
            }
        }

        Cancel(ExportRunErrors.CancelledOnRequest(requestedBy));
        return true;
    }

    /// <summary>Marks the run lost to another host and stops it.</summary>
    public void MarkLost()
    {
        Lost = true;
        Cancel(ExportRunErrors.Lost);
    }

    /// <summary>The point of no return: from now on a cancel request is too late. Throws when the run was cancelled before.</summary>
    public void EnterPublish()
    {
        lock (_gate)
        {
            Token.ThrowIfCancellationRequested();
            _published = true;
        }
    }

    public void Dispose() => _cancellation.Dispose();
}
