namespace ExportJobs.Storage.PostgreSql;

/// <summary>The store's SQL, with the (checked and quoted) schema name filled in once.</summary>
internal sealed class PostgreSqlStatements
{
    public const string JobColumns = "id, name, description, destination_type, destination_config, format, schema_id, catalog_id, dimension_scope, schedule, time_zone, include_variants, compress, filename_template, active, mode, paused_reason, created_at, updated_at, retention_max_runs, retention_max_age_days, columns, headers, version, output, notifications";
    public const string RunColumns = $"{SeededRunColumns}, {LifecycleRunColumns}";

    /// <summary>The columns of the first schema version; bulk seeding writes only these (the others have defaults).</summary>
    public const string SeededRunColumns = "id, job_id, status, started_at, completed_at, record_count, file_size, destination_path, error, checksum, file_name, scheduled_at, trigger, attempt";

    /// <summary>The run lifecycle's columns (schema version 4, and <c>owner</c> of version 2), after <see cref="SeededRunColumns"/>.</summary>
    public const string LifecycleRunColumns = "owner, epoch, cancelled, cancelled_by, progress_stage, progress_records, progress_bytes, progress_at, output";
    private const string RunAssignments = "(job_id, status, started_at, completed_at, record_count, file_size, destination_path, error, checksum, file_name, scheduled_at, trigger, attempt, owner, epoch, cancelled, cancelled_by, progress_stage, progress_records, progress_bytes, progress_at, output) = ($2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)";
    private const string NewestFirst = "ORDER BY started_at DESC, id DESC";

    /// <summary>For the current transaction only: its commit does not wait for the write-ahead log flush.</summary>
    public const string AsynchronousCommit = "SET LOCAL synchronous_commit = off";
    public const string Begin = "BEGIN";
    public const string BeginRepeatableRead = "BEGIN ISOLATION LEVEL REPEATABLE READ";
    public const string Commit = "COMMIT";

    public PostgreSqlStatements(string schema)
    {
        var s = PostgreSqlStoreNames.Quote(schema);
        GetJob = $"SELECT {JobColumns} FROM {s}.jobs WHERE id = $1";
        JobExists = $"SELECT EXISTS (SELECT 1 FROM {s}.jobs WHERE id = $1)";
        ListJobs = $"SELECT {JobColumns} FROM {s}.jobs ORDER BY created_at, id";
        JobListStamp = $"SELECT (SELECT version FROM {s}.job_changes WHERE id = 1), (SELECT count(*) FROM {s}.jobs)";
        JobPage = $"SELECT {JobColumns} FROM {s}.jobs WHERE id > $1 ORDER BY id LIMIT $2";
        FirstJobPage = $"SELECT {JobColumns} FROM {s}.jobs ORDER BY id LIMIT $1";
        InsertJob = $"INSERT INTO {s}.jobs ({JobColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26)";
        UpdateJob = $"UPDATE {s}.jobs SET (name, description, destination_type, destination_config, format, schema_id, catalog_id, dimension_scope, schedule, time_zone, include_variants, compress, filename_template, active, mode, paused_reason, created_at, updated_at, retention_max_runs, retention_max_age_days, columns, headers, version, output, notifications) = ($2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26) WHERE id = $1";
        UpdateJobIfVersion = $"UPDATE {s}.jobs SET (name, description, destination_type, destination_config, format, schema_id, catalog_id, dimension_scope, schedule, time_zone, include_variants, compress, filename_template, active, mode, paused_reason, created_at, updated_at, retention_max_runs, retention_max_age_days, columns, headers, version, output, notifications) = ($2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26) WHERE id = $1 AND version = $27";
        LockJobVersion = $"SELECT version FROM {s}.jobs WHERE id = $1 FOR UPDATE";
        DeleteRunsOfJob = $"DELETE FROM {s}.runs WHERE job_id = $1";
        DeleteClaimsOfJob = $"DELETE FROM {s}.claims WHERE job_id = $1";
        DeleteJob = $"DELETE FROM {s}.jobs WHERE id = $1";
        InsertRun = $"INSERT INTO {s}.runs ({RunColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)";
        UpdateRun = $"UPDATE {s}.runs SET {RunAssignments} WHERE id = $1";
        CompleteRun = $"UPDATE {s}.runs SET {RunAssignments} WHERE id = $1 AND owner = $15 AND epoch = $16 AND status = 'running'";
        HeartbeatRuns = $"UPDATE {s}.runs AS r SET heartbeat_at = $2, progress_stage = h.stage, progress_records = h.records, progress_bytes = h.bytes, progress_at = $2 FROM unnest($3::text[], $4::bigint[], $5::text[], $6::bigint[], $7::bigint[]) AS h(id, epoch, stage, records, bytes) WHERE r.id = h.id AND r.owner = $1 AND r.epoch = h.epoch AND r.status = 'running' RETURNING r.id, r.cancelled, r.cancelled_by";
        RequestRunCancel = $"UPDATE {s}.runs SET cancelled = true, cancelled_by = $2 WHERE id = $1 AND status = 'running' RETURNING {RunColumns}";
        GetRun = $"SELECT {RunColumns} FROM {s}.runs WHERE id = $1";
        ListRuns = $"SELECT {RunColumns} FROM {s}.runs WHERE job_id = $1 {NewestFirst} LIMIT $2";
        LatestRunWithStatus = $"SELECT {RunColumns} FROM {s}.runs WHERE job_id = $1 AND status = $2 {NewestFirst} LIMIT 1";
        LatestRuns = $"SELECT r.* FROM unnest($1::text[]) AS j(id) CROSS JOIN LATERAL (SELECT {RunColumns} FROM {s}.runs WHERE job_id = j.id {NewestFirst} LIMIT 1) AS r";
        LatestRunSummaries = $"SELECT j.id, r.id, r.status, r.started_at, r.completed_at, r.error FROM unnest($1::text[]) AS j(id) CROSS JOIN LATERAL (SELECT id, status, started_at, completed_at, left(error, {ExportJobs.Model.ExportRunSummary.MaxErrorLength + 1}) AS error FROM {s}.runs WHERE job_id = j.id {NewestFirst} LIMIT 1) AS r";
        RunsByStatus = $"SELECT {RunColumns} FROM {s}.runs WHERE status = $1";
        Claim = $"INSERT INTO {s}.claims (job_id, occurrence, owner) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING";
        // Inserted in key order whatever order the caller lists them in: hosts claiming overlapping batches then wait for
        // each other's rows in one order and never deadlock (listed in their own orders, 8 hosts did: 40P01).
        ClaimMany = $"INSERT INTO {s}.claims (job_id, occurrence, owner) SELECT c.job_id, c.occurrence, $3 FROM unnest($1::text[], $2::timestamptz[]) AS c(job_id, occurrence) ORDER BY c.job_id, c.occurrence ON CONFLICT DO NOTHING RETURNING job_id, occurrence";
        LastClaim = $"SELECT max(occurrence) FROM {s}.claims WHERE job_id = $1";
        LastClaims = $"SELECT j.id, c.last FROM (SELECT DISTINCT unnest($1::text[])) AS j(id) CROSS JOIN LATERAL (SELECT max(occurrence) AS last FROM {s}.claims WHERE job_id = j.id) AS c WHERE c.last IS NOT NULL";
        CopyRuns = $"COPY {s}.runs ({SeededRunColumns}) FROM STDIN (FORMAT BINARY)";
        RenewLeases = $"UPDATE {s}.runs SET owner = $2, heartbeat_at = $3 WHERE id = ANY($1) AND status = 'running'";
        FailExpiredRuns = $"UPDATE {s}.runs SET status = 'failed', completed_at = greatest($2, started_at), error = $3, epoch = epoch + 1, progress_stage = NULL, progress_records = NULL, progress_bytes = NULL, progress_at = NULL WHERE status = 'running' AND trigger <> 'External' AND coalesce(heartbeat_at, started_at) < $1 RETURNING {RunColumns}";
        JobChangeVersion = $"SELECT version FROM {s}.job_changes WHERE id = 1";
        JobFingerprints = $"SELECT j.id, md5(j::text) FROM {s}.jobs AS j";
        RunPage = $"SELECT {RunColumns} FROM {s}.runs WHERE job_id = $1 AND (started_at, id) < ($2, $3) {NewestFirst} LIMIT $4";
        RunPageWithStatus = $"SELECT {RunColumns} FROM {s}.runs WHERE job_id = $1 AND status = $5 AND (started_at, id) < ($2, $3) {NewestFirst} LIMIT $4";
        RunsWithStatus = $"SELECT {RunColumns} FROM {s}.runs WHERE job_id = $1 AND status = $3 {NewestFirst} LIMIT $2";
        NthNewestRun = $"SELECT started_at, id FROM {s}.runs WHERE job_id = $1 {NewestFirst} OFFSET $2 LIMIT 1";
        PruneRuns = $"""
            DELETE FROM {s}.runs WHERE id IN (
                SELECT id FROM {s}.runs
                WHERE job_id = $1 AND (started_at, id) < ($2, $3) AND status <> 'running'
                  AND id IS DISTINCT FROM (SELECT id FROM {s}.runs WHERE job_id = $1 AND status = 'success' {NewestFirst} LIMIT 1)
                  AND id IS DISTINCT FROM (SELECT id FROM {s}.runs WHERE job_id = $1 AND status = 'failed' {NewestFirst} LIMIT 1)
                ORDER BY started_at, id
                LIMIT $4)
            """;
        PruneClaims = $"""
            DELETE FROM {s}.claims WHERE (job_id, occurrence) IN (
                SELECT c.job_id, c.occurrence FROM {s}.claims AS c
                WHERE c.occurrence < $1
                  AND EXISTS (SELECT 1 FROM {s}.claims AS n WHERE n.job_id = c.job_id AND n.occurrence > c.occurrence)
                ORDER BY c.occurrence
                LIMIT $2)
            """;
        PruningLock = "SELECT pg_try_advisory_lock($1, hashtext($2))";
        PruningUnlock = "SELECT pg_advisory_unlock($1, hashtext($2))";
    }

    public string RunPage { get; }

    public string RunPageWithStatus { get; }

    public string RunsWithStatus { get; }

    public string NthNewestRun { get; }

    public string PruneRuns { get; }

    public string PruneClaims { get; }

    public string PruningLock { get; }

    public string PruningUnlock { get; }

    public string GetJob { get; }

    public string JobExists { get; }

    public string ListJobs { get; }

    /// <summary>
    /// The job change counter and the number of jobs, from one snapshot: what <see cref="PostgreSqlJobCache"/> checks
    /// before it lists jobs from memory (the count catches a <c>TRUNCATE</c>, which the counter's trigger does not see).
    /// </summary>
    public string JobListStamp { get; }

    /// <summary>A page of jobs after the id $1 (a primary-key range: ids are <c>COLLATE "C"</c>); $2 is the limit.</summary>
    public string JobPage { get; }

    /// <summary>The first page of jobs in id order; $1 is the limit.</summary>
    public string FirstJobPage { get; }

    public string InsertJob { get; }

    public string UpdateJob { get; }

    /// <summary>The compare-and-swap update: $27 is the expected version.</summary>
    public string UpdateJobIfVersion { get; }

    /// <summary>Reads a job's version and locks its row until the transaction ends.</summary>
    public string LockJobVersion { get; }

    public string DeleteRunsOfJob { get; }

    public string DeleteClaimsOfJob { get; }

    public string DeleteJob { get; }

    public string InsertRun { get; }

    public string UpdateRun { get; }

    public string CompleteRun { get; }

    public string HeartbeatRuns { get; }

    public string RequestRunCancel { get; }

    public string GetRun { get; }

    public string ListRuns { get; }

    public string LatestRunWithStatus { get; }

    public string LatestRuns { get; }

    /// <summary>As <see cref="LatestRuns"/>, only the job id and the run's id, status and start: what the job list shows.</summary>
    public string LatestRunSummaries { get; }

    public string RunsByStatus { get; }

    public string Claim { get; }

    public string ClaimMany { get; }

    public string LastClaim { get; }

    public string LastClaims { get; }

    public string CopyRuns { get; }

    public string RenewLeases { get; }

    public string FailExpiredRuns { get; }

    public string JobChangeVersion { get; }

    public string JobFingerprints { get; }
}
