using ExportJobs.Extensibility;
using ExportJobs.Model;

namespace ExportJobs.Core.Tests.Support;

/// <summary>
/// A real LiteDB store with a seam in job reads: once <see cref="HoldNextJobRead"/> is called, the next
/// <see cref="GetJobAsync"/> reads the job, signals <see cref="Read"/> and returns that (soon stale) copy only when the
/// test completes <see cref="Release"/>; everything else goes straight to the inner store, including its
/// compare-and-swap writes.
/// </summary>
internal sealed class StaleReadStore(ExportJobStore inner) : DelegatingStore(inner)
{
    private int _armed;

    public TaskCompletionSource Read { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void HoldNextJobRead() => Volatile.Write(ref _armed, 1);

    public override async Task<ExportJob?> GetJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        var job = await Inner.GetJobAsync(jobId, cancellationToken);
        if (Interlocked.Exchange(ref _armed, 0) == 1)
        {
            Read.TrySetResult();
            await Release.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        }

        return job;
    }
}
