namespace ExportJobs.Management;

/// <summary>The state of the engine behind the front door, for health checks.</summary>
public sealed partial class ExportJobManager
{
    /// <summary>The hosted scheduler's state on this host: enabled, running, since when, why it stopped.</summary>
    public ExportSchedulerState GetSchedulerState() =>
        new(_options.CurrentValue.SchedulerEnabled, _scheduler.IsRunning, _scheduler.StartedAt, _scheduler.StopReason);
}
