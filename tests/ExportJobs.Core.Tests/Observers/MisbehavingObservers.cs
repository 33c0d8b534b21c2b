using ExportJobs.Extensibility;
using ExportJobs.Model;

namespace ExportJobs.Core.Tests.Observers;

/// <summary>Throws from every notification.</summary>
internal sealed class ThrowingObserver : IExportRunObserver
{
    public int Calls;

    public ValueTask OnRunStartedAsync(ExportRun run, CancellationToken cancellationToken) => Throw();

    public ValueTask OnRunProgressAsync(ExportRun run, ExportRunProgress progress, CancellationToken cancellationToken) => Throw();

    public ValueTask OnRunFinishedAsync(ExportRun run, bool retryFollows, CancellationToken cancellationToken) => Throw();

    private ValueTask Throw()
    {
        Interlocked.Increment(ref Calls);
        throw new InvalidOperationException("The observer's mail server is down.");
    }
}

/// <summary>Never returns from a notification, and ignores its cancellation token.</summary>
internal sealed class HangingObserver : IExportRunObserver
{
    private readonly TaskCompletionSource _never = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ValueTask OnRunStartedAsync(ExportRun run, CancellationToken cancellationToken) => Hang();

    public ValueTask OnRunProgressAsync(ExportRun run, ExportRunProgress progress, CancellationToken cancellationToken) => Hang();

    public ValueTask OnRunFinishedAsync(ExportRun run, bool retryFollows, CancellationToken cancellationToken) => Hang();

    private ValueTask Hang()
    {
        Entered.TrySetResult();
        return new ValueTask(_never.Task);
    }
}
