using ExportJobs.Extensibility;
using ExportJobs.Model;

namespace ExportJobs.Core.Tests.Support;

/// <summary>
/// A real LiteDB store whose run inserts fail, after <see cref="InsertStarted"/> is set and <see cref="ReleaseInsert"/>
/// is completed by the test, as a store that loses its disk between reading the job and recording the run would.
/// </summary>
internal sealed class UnrecordableRunsStore(ExportJobStore inner) : DelegatingStore(inner)
{
    public TaskCompletionSource InsertStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource ReleaseInsert { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override async Task CreateRunAsync(ExportRun run, CancellationToken cancellationToken = default)
    {
        InsertStarted.TrySetResult();
        await ReleaseInsert.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        throw new IOException("No space left on device (the run could not be written).");
    }
}
