using ExportJobs.Extensibility;
using Npgsql;

namespace ExportJobs.Storage.PostgreSql;

public sealed partial class PostgreSqlExportJobStore
{
    /// <inheritdoc/>
    /// <remarks>
    /// <para>
    /// The limit is one position in the index <c>(job_id, started_at DESC, id DESC)</c>: the greater of the job's
    /// <c>KeepNewest</c>-th newest run and <c>StartedBefore</c>. One <c>DELETE … WHERE id IN (SELECT … ORDER BY started_at,
    /// id LIMIT n)</c> then removes the oldest rows below it, an index range read from the job's oldest run, so the batch
    /// costs its own size at any history length.
    /// </para>
    /// <para>
    /// The batch runs at <c>REPEATABLE READ</c>: the newest success and failure it keeps and the rows it deletes come from
    /// one snapshot, and a run another host changes meanwhile (a running run that just finished) makes the batch fail with a
    /// serialization error instead of deleting from a stale picture. Such a batch deletes nothing (0 is returned) and the
    /// next pass tries again.
    /// </para>
    /// <para>
    /// The bound is read first, outside the transaction; the transaction itself is one round trip that begins, deletes and
    /// commits (asynchronously) on the server, so the rows it deletes are locked only while the server works on them.
    /// </para>
    /// </remarks>
    public override async Task<int> PruneRunsAsync(string jobId, ExportRunPruning pruning, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        ArgumentNullException.ThrowIfNull(pruning);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        var bound = await PruneBoundAsync(jobId, pruning, cancellationToken).ConfigureAwait(false);
        if (bound is null)
        {
            return 0;
        }

        try
        {
            return await PruneInOneRoundTripAsync(
                PostgreSqlStatements.BeginRepeatableRead,
                _sql.PruneRuns,
                parameters =>
                {
                    parameters.Add(PostgreSqlMapper.Text(jobId));
                    parameters.Add(PostgreSqlMapper.Instant(bound.StartedAt));
                    parameters.Add(PostgreSqlMapper.Text(bound.RunId));
                    parameters.Add(new NpgsqlParameter<int> { TypedValue = maxCount });
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.SerializationFailure)
        {
            return 0;
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// One <c>DELETE</c> of the oldest claims by the index on <c>occurrence</c>, each kept when its job has no later claim
    /// (a primary-key probe), committed asynchronously like <see cref="PruneRunsAsync"/>.
    /// </remarks>
    public override async Task<int> PruneClaimsAsync(DateTimeOffset occurredBefore, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        await EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        return await PruneInOneRoundTripAsync(
            PostgreSqlStatements.Begin,
            _sql.PruneClaims,
            parameters =>
            {
                parameters.Add(PostgreSqlMapper.Instant(occurredBefore));
                parameters.Add(new NpgsqlParameter<int> { TypedValue = maxCount });
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// A session-level advisory lock (<c>pg_try_advisory_lock</c>) keyed on the schema, held on a connection of its own
    /// for the pass: one host prunes at a time, the others skip the pass. Should that host die, PostgreSQL releases the
    /// lock with its connection.
    /// </remarks>
    public override async Task<IAsyncDisposable?> TryLockPruningAsync(CancellationToken cancellationToken = default)
    {
        await EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = new NpgsqlCommand(_sql.PruningLock, connection);
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = PostgreSqlSchemaMigrator.LockNamespace });
            command.Parameters.Add(PostgreSqlMapper.Text(_pruningLockKey));
            if ((bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
            {
                return new PruningLock(connection, _sql.PruningUnlock, _pruningLockKey);
            }
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        await connection.DisposeAsync().ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// One pruning transaction in one round trip: <paramref name="beginSql"/>, <c>SET LOCAL synchronous_commit = off</c>,
    /// <paramref name="deleteSql"/> with its <paramref name="parameters"/>, <c>COMMIT</c>; returns the rows deleted.
    /// </summary>
    /// <remarks>
    /// The transaction starts and ends on the server within the one message, so no client time (a thread waiting for a core
    /// between the <c>DELETE</c>'s answer and a <c>COMMIT</c>) is spent holding the deleted rows' locks; and its commit
    /// does not wait for the write-ahead log to reach the disk. A crash just after may undo the deletions of the last
    /// fraction of a second, which the next pass makes again: a pruned row coming back never breaks a retention rule, and
    /// every other commit still waits for the log (including its part of this one).
    /// </remarks>
    private async Task<int> PruneInOneRoundTripAsync(string beginSql, string deleteSql, Action<NpgsqlParameterCollection> parameters, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(beginSql),
                new NpgsqlBatchCommand(PostgreSqlStatements.AsynchronousCommit),
                new NpgsqlBatchCommand(deleteSql),
                new NpgsqlBatchCommand(PostgreSqlStatements.Commit),
            },
        };
        var delete = batch.BatchCommands[2];
        parameters(delete.Parameters);

        // A failed statement skips the rest of the message and leaves its transaction open and aborted on this connection;
        // closing the connection rolls it back before the pool hands the connection out again.
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return checked((int)delete.RecordsAffected);
    }

    private async Task<ExportRunPosition?> PruneBoundAsync(string jobId, ExportRunPruning pruning, CancellationToken cancellationToken)
    {
        ExportRunPosition? bound = null;
        if (pruning.KeepNewest is { } keepNewest)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(keepNewest, 1, "pruning.KeepNewest");
            await using var command = await CommandAsync(_sql.NthNewestRun, cancellationToken).ConfigureAwait(false);
            command.Parameters.Add(PostgreSqlMapper.Text(jobId));
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = keepNewest - 1 });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                bound = new ExportRunPosition(reader.GetFieldValue<DateTimeOffset>(0), reader.GetString(1));
            }
        }

        // (startedBefore, "") is below every run that started at startedBefore: the runs below it started before it.
        if (pruning.StartedBefore is { } startedBefore && (bound is null || startedBefore > bound.StartedAt))
        {
            bound = new ExportRunPosition(startedBefore, string.Empty);
        }

        return bound;
    }

    private sealed class PruningLock(NpgsqlConnection connection, string unlockSql, string key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var command = new NpgsqlCommand(unlockSql, connection);
                command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = PostgreSqlSchemaMigrator.LockNamespace });
                command.Parameters.Add(PostgreSqlMapper.Text(key));
                await command.ExecuteScalarAsync(CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                // Closing also ends the session's advisory locks should the unlock have failed (the pool resets it).
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
