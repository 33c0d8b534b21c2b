using ExportJobs.Model;

namespace ExportJobs.Extensibility;

/// <summary>The run lifecycle: the one writer of a run (owner and epoch), its live progress and cancel requests.</summary>
/// <remarks>
/// Every member has a default built on the members above, so providers written before these existed keep working: the
/// defaults read the run and then write it, which is exact for a single-process store (only this host writes its
/// runs) but not atomic. A store shared by several hosts (<see cref="SupportsRunLeases"/>) should override all of them
/// with conditional writes, as the PostgreSQL store does.
/// </remarks>
public abstract partial class ExportJobStore
{
    /// <summary>
    /// Records a run's final state, but only while <paramref name="run"/>'s <see cref="ExportRun.Owner"/> still owns it
    /// at <see cref="ExportRun.Epoch"/> and it is still <c>running</c> (the fenced final write).
    /// </summary>
    /// <param name="run">The final run, with the owner and epoch it was opened with.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="false"/> when the run is unknown, ended already, or belongs to another owner or epoch: nothing was written.</returns>
    /// <remarks>The default reads the run, compares, then calls <see cref="UpdateRunAsync"/>; a provider does it in one conditional statement or transaction.</remarks>
    public virtual async Task<bool> CompleteRunAsync(ExportRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var stored = await GetRunAsync(run.Id, cancellationToken).ConfigureAwait(false);
        if (!ExportRunLeaseState.Of(run.Id, stored, run.Owner ?? string.Empty, run.Epoch).Held)
        {
            return false;
        }

        return await UpdateRunAsync(run, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Says whether <paramref name="owner"/> still holds run <paramref name="runId"/> at <paramref name="epoch"/>, and whether a cancel was asked for.</summary>
    /// <param name="runId">The run's id.</param>
    /// <param name="owner">The host that asks.</param>
    /// <param name="epoch">The epoch it holds.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <remarks>Every destination asks this (through <see cref="ExportDeliveryContext.BeforePublishAsync"/>) right before it publishes. The default reads the run.</remarks>
    public virtual async Task<ExportRunLeaseState> CheckRunLeaseAsync(string runId, string owner, long epoch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        var stored = await GetRunAsync(runId, cancellationToken).ConfigureAwait(false);
        return ExportRunLeaseState.Of(runId, stored, owner, epoch);
    }

    /// <summary>
    /// One heartbeat for the runs <paramref name="owner"/> is doing: renews the lease of each run it still holds at its
    /// epoch, stores its progress with it (no other round trip is made for progress), and returns, in the order given,
    /// whether each run is still held and whether a cancel was asked for.
    /// </summary>
    /// <param name="heartbeats">The runs, with the epoch held and the progress to store.</param>
    /// <param name="owner">The host id.</param>
    /// <param name="now">The heartbeat's time (also the progress's <see cref="ExportRunProgress.UpdatedAt"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <remarks>
    /// Called every third of the lease by stores with <see cref="SupportsRunLeases"/>. The default calls
    /// <see cref="RenewRunLeasesAsync"/> (no
    /// progress stored) and then <see cref="CheckRunLeaseAsync"/> once per run.
    /// </remarks>
    public virtual async Task<IReadOnlyList<ExportRunLeaseState>> HeartbeatRunsAsync(IReadOnlyList<ExportRunHeartbeat> heartbeats, string owner, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(heartbeats);
        if (heartbeats.Count == 0)
        {
            return [];
        }

        await RenewRunLeasesAsync(heartbeats.Select(h => h.RunId).ToArray(), owner, now, cancellationToken).ConfigureAwait(false);
        var states = new ExportRunLeaseState[heartbeats.Count];
        for (var i = 0; i < states.Length; i++)
        {
            states[i] = await CheckRunLeaseAsync(heartbeats[i].RunId, owner, heartbeats[i].Epoch, cancellationToken).ConfigureAwait(false);
        }

        return states;
    }

    /// <summary>
    /// Asks for a running run to be cancelled: sets <see cref="ExportRun.Cancelled"/> (and <see cref="ExportRun.CancelledBy"/>)
    /// on the stored run while it is <c>running</c>, for its owner to read at its next heartbeat. A finished run is left alone.
    /// </summary>
    /// <param name="runId">The run's id.</param>
    /// <param name="requestedBy">Who asks, when known.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The run as stored afterwards, or <see langword="null"/> when there is none.</returns>
    /// <remarks>
    /// Only hosts sharing a store need the flag: the host that owns a run cancels it in memory at once. The default
    /// therefore stores nothing and returns the run as stored; a store with <see cref="SupportsRunLeases"/> overrides it
    /// with one conditional write (<c>… WHERE status = 'running'</c>).
    /// </remarks>
    public virtual Task<ExportRun?> RequestRunCancelAsync(string runId, string? requestedBy, CancellationToken cancellationToken = default) =>
        GetRunAsync(runId, cancellationToken);
}
