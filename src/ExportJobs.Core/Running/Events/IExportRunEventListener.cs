namespace ExportJobs.Running.Events;

/// <summary>Reacts to run events, off the run's path (auto-pause, run observers).</summary>
/// <remarks>
/// Listeners are called one event at a time, in the order the events were published, by <see cref="ExportRunEventPump"/>.
/// A listener that throws is logged; the next one is still called.
/// </remarks>
internal interface IExportRunEventListener
{
    /// <summary>Handles one event.</summary>
    /// <param name="runEvent">What happened.</param>
    /// <param name="cancellationToken">The host is stopping.</param>
    ValueTask OnEventAsync(ExportRunEvent runEvent, CancellationToken cancellationToken);
}
