using ExportJobs.Model;

namespace ExportJobs.Extensibility;

/// <summary>
/// Says which outbox messages a run's final state causes (notifications, for example), so that the runner writes them in
/// the same transaction as that state (<see cref="ExportJobStore.CompleteRunAsync(ExportRun, IReadOnlyList{ExportOutboxMessage}, CancellationToken)"/>).
/// Register with <c>builder.AddRunOutboxSource&lt;T&gt;()</c>.
/// </summary>
/// <remarks>
/// Called on the run's path, right before its final write, once per run the library executes; keep it quick (it may
/// read the store). One that throws is logged and the run is recorded without its messages: a source never fails a
/// run. Runs reported through the API, and runs failed by recovery (interrupted at start-up, lease expired on another
/// host), are not recorded by the runner; observers hear of them (<see cref="IExportRunObserver.OnRunFinishedAsync"/>).
/// </remarks>
public interface IExportRunOutboxSource
{
    /// <summary>Returns the messages to write with <paramref name="final"/>; empty for none.</summary>
    /// <param name="job">The job, as the run read it (secrets in clear text: keep them out of messages).</param>
    /// <param name="final">The run's final state, about to be written.</param>
    /// <param name="cancellationToken">Cancelled when the host stops.</param>
    ValueTask<IReadOnlyList<ExportOutboxMessage>> CreateMessagesAsync(ExportJob job, ExportRun final, CancellationToken cancellationToken);
}
