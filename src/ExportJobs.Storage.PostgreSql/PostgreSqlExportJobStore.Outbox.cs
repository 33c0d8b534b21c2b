using ExportJobs.Extensibility;
using ExportJobs.Model;
using Npgsql;
using NpgsqlTypes;

namespace ExportJobs.Storage.PostgreSql;

/// <remarks>
/// The outbox is the <c>outbox</c> table (schema version 7). A final run and its messages are written in one transaction.
/// Hosts claim messages as they claim work from a queue: <c>UPDATE … FROM (SELECT … FOR UPDATE SKIP LOCKED)</c>, so
/// hosts claiming at the same moment take different rows and none waits for another; a claim that lapsed (its host died)
/// is claimed again by whoever asks next.
/// </remarks>
public sealed partial class PostgreSqlExportJobStore
{
    /// <inheritdoc/>
    public override bool SupportsOutbox => true;

    /// <inheritdoc/>
    /// <remarks>The fenced <c>UPDATE</c> of the run and the messages' <c>INSERT … ON CONFLICT DO NOTHING</c> in one transaction; nothing is inserted when the update changed no row.</remarks>
    public override async Task<bool> CompleteRunAsync(ExportRun run, IReadOnlyList<ExportOutboxMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            return await CompleteRunAsync(run, cancellationToken).ConfigureAwait(false);
        }

        await EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var complete = new NpgsqlCommand(_sql.CompleteRun, connection, transaction))
        {
            PostgreSqlMapper.BindRun(complete.Parameters, run);
            if (await complete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
            {
                return false;
            }
        }

        await InsertOutboxAsync(connection, transaction, messages, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc/>
    public override async Task AddOutboxMessagesAsync(IReadOnlyList<ExportOutboxMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            return;
        }

        await EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await InsertOutboxAsync(connection, transaction, messages, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override async Task<IReadOnlyList<ExportOutboxMessage>> ClaimOutboxMessagesAsync(string owner, DateTimeOffset now, DateTimeOffset claimUntil, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        await using var command = await CommandAsync(_outboxSql.Claim, cancellationToken).ConfigureAwait(false);
        command.Parameters.Add(PostgreSqlMapper.Text(owner));
        command.Parameters.Add(PostgreSqlMapper.Instant(now));
        command.Parameters.Add(PostgreSqlMapper.Instant(claimUntil));
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer, Value = maxCount });
        var claimed = await ReadAllAsync(command, ReadOutboxMessage, cancellationToken).ConfigureAwait(false);
        // RETURNING follows no order: oldest first, as the contract says.
        return claimed.OrderBy(m => m.CreatedAt.UtcTicks).ThenBy(m => m.Id, StringComparer.Ordinal).ToList();
    }

    /// <inheritdoc/>
    public override async Task<bool> DeleteOutboxMessageAsync(string messageId, string owner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        ArgumentNullException.ThrowIfNull(owner);
        await using var command = await CommandAsync(_outboxSql.Delete, cancellationToken).ConfigureAwait(false);
        command.Parameters.Add(PostgreSqlMapper.Text(messageId));
        command.Parameters.Add(PostgreSqlMapper.Text(owner));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc/>
    public override async Task<bool> ReleaseOutboxMessageAsync(string messageId, string owner, DateTimeOffset retryAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        ArgumentNullException.ThrowIfNull(owner);
        await using var command = await CommandAsync(_outboxSql.Release, cancellationToken).ConfigureAwait(false);
        command.Parameters.Add(PostgreSqlMapper.Text(messageId));
        command.Parameters.Add(PostgreSqlMapper.Text(owner));
        command.Parameters.Add(PostgreSqlMapper.Instant(retryAt));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private async Task InsertOutboxAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<ExportOutboxMessage> messages, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var message in messages)
        {
            ArgumentNullException.ThrowIfNull(message);
            batch.BatchCommands.Add(new NpgsqlBatchCommand(_outboxSql.Insert)
            {
                Parameters =
                {
                    PostgreSqlMapper.Text(message.Id),
                    PostgreSqlMapper.Text(message.JobId),
                    PostgreSqlMapper.Text(message.RunId),
                    PostgreSqlMapper.Text(message.EventType),
                    PostgreSqlMapper.Text(message.Payload),
                    PostgreSqlMapper.Instant(message.CreatedAt),
                    new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer, Value = message.Attempts },
                    PostgreSqlMapper.Text(message.ClaimedBy),
                    PostgreSqlMapper.Instant(message.ClaimedUntil),
                },
            });
        }

        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static ExportOutboxMessage ReadOutboxMessage(NpgsqlDataReader r) => new()
    {
        Id = r.GetString(0),
        JobId = r.GetString(1),
        RunId = r.IsDBNull(2) ? null : r.GetString(2),
        EventType = r.GetString(3),
        Payload = r.GetString(4),
        CreatedAt = r.GetFieldValue<DateTimeOffset>(5),
        Attempts = r.GetInt32(6),
        ClaimedBy = r.IsDBNull(7) ? null : r.GetString(7),
        ClaimedUntil = r.IsDBNull(8) ? null : r.GetFieldValue<DateTimeOffset>(8),
    };
}
