namespace ExportJobs.Storage.PostgreSql;

/// <summary>The schema's versions, oldest first. A released migration is never edited: changes are a new version.</summary>
/// <remarks>
/// Ids are <c>COLLATE "C"</c>, so they compare byte by byte, case-sensitively, like the other stores. Instants are
/// <c>timestamptz</c> (microseconds, compared as instants). <c>destination_config</c> is <c>json</c>, which keeps the
/// text exactly (key order, number spelling), unlike <c>jsonb</c>.
/// </remarks>
internal static class PostgreSqlMigrations
{
    /// <summary>Each version's description and SQL; <c>{schema}</c> stands for the quoted schema name.</summary>
    public static IReadOnlyList<(int Version, string Description, string Sql)> All { get; } =
    [
        (1, "jobs, runs and occurrence claims", """
            CREATE TABLE {schema}.jobs (
                id text COLLATE "C" PRIMARY KEY,
                name text NOT NULL,
                description text,
                destination_type text NOT NULL,
                destination_config json NOT NULL,
                format text NOT NULL,
                schema_id text,
                catalog_id text,
                dimension_scope json,
                schedule text NOT NULL,
                time_zone text,
                include_variants boolean NOT NULL,
                compress boolean NOT NULL,
                filename_template text NOT NULL,
                active boolean NOT NULL,
                mode text NOT NULL,
                paused_reason text,
                created_at timestamptz NOT NULL,
                updated_at timestamptz NOT NULL);
            CREATE INDEX jobs_created_idx ON {schema}.jobs (created_at, id);
            CREATE TABLE {schema}.runs (
                id text COLLATE "C" PRIMARY KEY,
                job_id text COLLATE "C" NOT NULL,
                status text NOT NULL,
                started_at timestamptz NOT NULL,
                completed_at timestamptz,
                record_count bigint,
                file_size bigint,
                destination_path text,
                error text,
                checksum text,
                file_name text,
                scheduled_at timestamptz,
                trigger text NOT NULL,
                attempt integer NOT NULL);
            CREATE INDEX runs_job_newest_idx ON {schema}.runs (job_id, started_at DESC, id DESC);
            CREATE INDEX runs_job_status_newest_idx ON {schema}.runs (job_id, status, started_at DESC, id DESC);
            CREATE INDEX runs_running_idx ON {schema}.runs (started_at) WHERE status = 'running';
            CREATE TABLE {schema}.claims (
                job_id text COLLATE "C" NOT NULL,
                occurrence timestamptz NOT NULL,
                owner text,
                claimed_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (job_id, occurrence));
            """),
        (2, "run leases and the job change counter", """
            ALTER TABLE {schema}.runs ADD COLUMN owner text, ADD COLUMN heartbeat_at timestamptz;
            CREATE TABLE {schema}.job_changes (
                id integer PRIMARY KEY CHECK (id = 1),
                version bigint NOT NULL);
            INSERT INTO {schema}.job_changes (id, version) VALUES (1, 0);
            CREATE FUNCTION {schema}.count_job_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE {schema}.job_changes SET version = version + 1 WHERE id = 1;
                RETURN NULL;
            END $$;
            CREATE TRIGGER jobs_changed AFTER INSERT OR UPDATE OR DELETE ON {schema}.jobs
                FOR EACH STATEMENT EXECUTE FUNCTION {schema}.count_job_change();
            """),
        (3, "job retention and claim pruning", """
            ALTER TABLE {schema}.jobs ADD COLUMN retention_max_runs integer, ADD COLUMN retention_max_age_days integer;
            CREATE INDEX claims_occurrence_idx ON {schema}.claims (occurrence);
            """),
        (4, "run lifecycle: lease epoch, cancel requests and live progress", """
            ALTER TABLE {schema}.runs
                ADD COLUMN epoch bigint NOT NULL DEFAULT 0,
                ADD COLUMN cancelled boolean NOT NULL DEFAULT false,
                ADD COLUMN cancelled_by text,
                ADD COLUMN progress_stage text,
                ADD COLUMN progress_records bigint,
                ADD COLUMN progress_bytes bigint,
                ADD COLUMN progress_at timestamptz;
            """),
        (5, "job columns and headers (export profiles)", """
            ALTER TABLE {schema}.jobs ADD COLUMN columns json, ADD COLUMN headers text NOT NULL DEFAULT 'Codes';
            """),
        (6, "job versions for compare-and-swap updates", """
            ALTER TABLE {schema}.jobs ADD COLUMN version bigint NOT NULL DEFAULT 1;
            """),
        (7, "notification outbox", """
            CREATE TABLE {schema}.outbox (
                id text COLLATE "C" PRIMARY KEY,
                job_id text COLLATE "C" NOT NULL,
                run_id text COLLATE "C",
                event text NOT NULL,
                payload text NOT NULL,
                created_at timestamptz NOT NULL,
                attempts integer NOT NULL DEFAULT 0,
                claimed_by text,
                claimed_until timestamptz);
            CREATE INDEX outbox_created_idx ON {schema}.outbox (created_at, id);
            """),
        (8, "large outputs: job output settings (skipEmpty, split, manifest) and what a run delivered (skipped, files)", """
            ALTER TABLE {schema}.jobs ADD COLUMN output json;
            ALTER TABLE {schema}.runs ADD COLUMN output json;
            """),
        (9, "job-level notification channels (null: the host's defaults, []: none)", """
            ALTER TABLE {schema}.jobs ADD COLUMN notifications json;
            """),
    ];
}
