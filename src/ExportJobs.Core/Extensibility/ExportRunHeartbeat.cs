using ExportJobs.Model;

namespace ExportJobs.Extensibility;

/// <summary>One run in a lease renewal (<see cref="ExportJobStore.HeartbeatRunsAsync"/>).</summary>
/// <param name="RunId">The run's id.</param>
/// <param name="Epoch">The lease epoch the host holds (<see cref="ExportRun.Epoch"/> as opened).</param>
/// <param name="Progress">How far the run got, stored with the heartbeat so that other hosts can show it.</param>
public sealed record ExportRunHeartbeat(string RunId, long Epoch, ExportRunProgress? Progress);
