using ExportJobs.Model;

namespace ExportJobs.Extensibility;

/// <summary>What the store says about a host's hold on one run: still its writer, and whether a cancel was asked for.</summary>
/// <param name="RunId">The run's id.</param>
/// <param name="Held">
/// <see langword="true"/> while the run is <c>running</c> with the asking host as its owner at the same epoch;
/// <see langword="false"/> once another host failed it or it ended: the host has lost the run and must neither publish nor record it.
/// </param>
/// <param name="CancelRequested">A cancel was asked for (<see cref="ExportRun.Cancelled"/> on the stored run).</param>
/// <param name="CancelledBy">Who asked for it, when known.</param>
public sealed record ExportRunLeaseState(string RunId, bool Held, bool CancelRequested, string? CancelledBy)
{
    /// <summary>The state of <paramref name="runId"/> as read from <paramref name="stored"/> (the run as stored, or <see langword="null"/>).</summary>
    /// <param name="runId">The run's id.</param>
    /// <param name="stored">The stored run, or <see langword="null"/> when there is none.</param>
    /// <param name="owner">The host that asks.</param>
    /// <param name="epoch">The epoch it holds.</param>
    public static ExportRunLeaseState Of(string runId, ExportRun? stored, string owner, long epoch) =>
        stored is null
            ? new ExportRunLeaseState(runId, Held: false, CancelRequested: false, CancelledBy: null)
            : new ExportRunLeaseState(
                runId,
                stored.Status == ExportRunStatus.Running && string.Equals(stored.Owner, owner, StringComparison.Ordinal) && stored.Epoch == epoch,
                stored.Cancelled,
                stored.CancelledBy);
}
