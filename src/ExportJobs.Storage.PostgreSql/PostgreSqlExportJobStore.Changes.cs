namespace ExportJobs.Storage.PostgreSql;

public sealed partial class PostgreSqlExportJobStore
{
    /// <inheritdoc/>
    /// <remarks>
    /// <para>
    /// Polls a change counter every <see cref="PostgreSqlStoreOptions.ChangePollInterval"/>: a statement trigger on the
    /// jobs table increments the single row of <c>job_changes</c> in the same transaction as the change, so the counter
    /// moves exactly when the change becomes visible. When it moved, one query reads a fingerprint (<c>md5</c> of the
    /// row) of every job and compares it with the previous one: new, changed and deleted jobs are reported.
    /// </para>
    /// <para>
    /// Why not LISTEN/NOTIFY: it needs one dedicated connection per host, held open for ever, and a notification sent
    /// while that connection is down is lost, so a reconnect must re-read everything anyway. The poll is one primary-key
    /// read per interval, survives connection loss and failover by design, and a second's delay is well inside the
    /// minute granularity of cron schedules.
    /// </para>
    /// </remarks>
    public override async Task WatchJobChangesAsync(Action<string> onChanged, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onChanged);
        ArgumentNullException.ThrowIfNull(time);
        var version = await ReadChangeVersionAsync(cancellationToken).ConfigureAwait(false);
        var known = await ReadFingerprintsAsync(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            await Task.Delay(_changePollInterval, time, cancellationToken).ConfigureAwait(false);
            var current = await ReadChangeVersionAsync(cancellationToken).ConfigureAwait(false);
            if (current == version)
            {
                continue;
            }

            // The version is read before the jobs: a change committed in between is seen now and counted again next time.
            version = current;
            var latest = await ReadFingerprintsAsync(cancellationToken).ConfigureAwait(false);
            foreach (var (id, fingerprint) in latest)
            {
                if (!known.TryGetValue(id, out var previous) || previous != fingerprint)
                {
                    onChanged(id);
                }
            }

            foreach (var id in known.Keys.Where(id => !latest.ContainsKey(id)))
            {
                onChanged(id);
            }

            known = latest;
        }
    }

    private async Task<long> ReadChangeVersionAsync(CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync(_sql.JobChangeVersion, cancellationToken).ConfigureAwait(false);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private async Task<Dictionary<string, string>> ReadFingerprintsAsync(CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync(_sql.JobFingerprints, cancellationToken).ConfigureAwait(false);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result[reader.GetString(0)] = reader.GetString(1);
        }

        return result;
    }
}
