namespace ExportJobs.Running;

/// <summary>A run in progress in this process: its cancellation and the reason given for it.</summary>
internal sealed class ActiveRun(CancellationToken stopping) : IDisposable
{
    private readonly CancellationTokenSource _cancellation = CancellationTokenSource.CreateLinkedTokenSource(stopping);
    private string? _reason;

    public CancellationToken Token => _cancellation.Token;

    public Task<Model.ExportRun>? Completion { get; set; }

    /// <summary>The id of the run, once it is stored.</summary>
    public string? RunId { get; set; }

    /// <summary>Why it was cancelled: the reason given to <see cref="Cancel"/>, else (the host's stopping token) shutdown.</summary>
    public string Reason => _reason ?? ExportRunErrors.ShuttingDown;

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

    public void Dispose() => _cancellation.Dispose();
}
