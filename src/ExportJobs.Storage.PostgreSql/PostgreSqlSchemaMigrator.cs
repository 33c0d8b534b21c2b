using Npgsql;

namespace ExportJobs.Storage.PostgreSql;

/// <summary>Brings the store's schema to the latest version, once, safely when several hosts start together.</summary>
/// <remarks>
/// The whole migration runs in one transaction that first takes a transaction-scoped advisory lock keyed on the schema
/// name: a second host starting at the same moment waits for the first to commit, then finds the versions applied and
/// does nothing. DDL is transactional in PostgreSQL, so a failed migration leaves the previous version intact.
/// </remarks>
internal sealed class PostgreSqlSchemaMigrator(NpgsqlDataSource dataSource, string schema)
{
    internal const int LockNamespace = 0x45784A62; // "ExJb": keeps our advisory locks apart from the host's own.

    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        var quoted = PostgreSqlStoreNames.Quote(schema);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@ns, hashtext(@schema))", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("ns", LockNamespace);
            lockCommand.Parameters.AddWithValue("schema", schema);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(connection, transaction, $"""
            CREATE SCHEMA IF NOT EXISTS {quoted};
            CREATE TABLE IF NOT EXISTS {quoted}.schema_version (
                version integer PRIMARY KEY,
                description text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now());
            """, cancellationToken).ConfigureAwait(false);

        int current;
        await using (var versionCommand = new NpgsqlCommand($"SELECT coalesce(max(version), 0) FROM {quoted}.schema_version", connection, transaction))
        {
            current = (int)(await versionCommand.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        foreach (var (version, description, sql) in PostgreSqlMigrations.All.Where(m => m.Version > current))
        {
            await ExecuteAsync(connection, transaction, sql.Replace("{schema}", quoted, StringComparison.Ordinal), cancellationToken).ConfigureAwait(false);
            await using var record = new NpgsqlCommand($"INSERT INTO {quoted}.schema_version (version, description) VALUES (@version, @description)", connection, transaction);
            record.Parameters.AddWithValue("version", version);
            record.Parameters.AddWithValue("description", description);
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            current = version;
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return current;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
