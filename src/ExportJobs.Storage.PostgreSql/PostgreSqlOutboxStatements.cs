namespace ExportJobs.Storage.PostgreSql;

/// <summary>The notification outbox's SQL (schema version 7), with the schema name filled in once.</summary>
internal sealed class PostgreSqlOutboxStatements
{
    public const string Columns = "id, job_id, run_id, event, payload, created_at, attempts, claimed_by, claimed_until";

    public PostgreSqlOutboxStatements(string schema)
    {
        var s = PostgreSqlStoreNames.Quote(schema);
        Insert = $"INSERT INTO {s}.outbox ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING";
        // Rows another transaction is claiming right now are skipped, not waited for; FOR UPDATE re-checks the condition
        // on a row changed since the statement's snapshot, so a message claimed meanwhile is not claimed twice.
        Claim = $"UPDATE {s}.outbox AS o SET claimed_by = $1, claimed_until = $3, attempts = o.attempts + 1 FROM (SELECT id FROM {s}.outbox WHERE claimed_until IS NULL OR claimed_until <= $2 ORDER BY created_at, id LIMIT $4 FOR UPDATE SKIP LOCKED) AS due WHERE o.id = due.id RETURNING o.id, o.job_id, o.run_id, o.event, o.payload, o.created_at, o.attempts, o.claimed_by, o.claimed_until";
        Delete = $"DELETE FROM {s}.outbox WHERE id = $1 AND claimed_by = $2";
        Release = $"UPDATE {s}.outbox SET claimed_by = NULL, claimed_until = $3 WHERE id = $1 AND claimed_by = $2";
    }

    public string Insert { get; }

    public string Claim { get; }

    public string Delete { get; }

    public string Release { get; }
}
