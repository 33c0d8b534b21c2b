using ExportJobs.Extensibility;
using Npgsql;

namespace ExportJobs.Storage.PostgreSql;

/// <summary>
/// Keeps jobs, runs and occurrence claims in PostgreSQL, so that several hosts share one schedule and one run history.
/// </summary>
/// <remarks>
/// <para>
/// Exactly-once occurrences come from the primary key <c>(job_id, occurrence)</c> of the claims table: a claim is an
/// <c>INSERT … ON CONFLICT DO NOTHING</c>, and PostgreSQL's unique index lets exactly one of any number of concurrent
/// inserts through, on any host, with no lock held afterwards. Row locks with <c>SKIP LOCKED</c> would suit a work
/// queue; here the unit is "this occurrence happened", a fact that must stay recorded, which a unique key states
/// directly and keeps as history (<see cref="ExportJobStore.GetLastClaimedOccurrenceAsync"/>).
/// </para>
/// <para>
/// The schema is created and migrated before first use (and at host start through <c>UsePostgreSql</c>), see
/// <see cref="PostgreSqlSchemaMigrator"/>. A job's newest runs come from the index
/// <c>(job_id, started_at DESC, id DESC)</c>, read forward and stopped after <c>limit</c> rows.
/// </para>
/// </remarks>
public sealed partial class PostgreSqlExportJobStore : ExportJobStore, IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly PostgreSqlSchemaMigrator _migrator;
    private readonly PostgreSqlStatements _sql;
    private readonly PostgreSqlJobCache _jobCache = new();
    private readonly PostgreSqlOutboxStatements _outboxSql;
    private readonly SemaphoreSlim _migrationLock = new(1, 1);
    private readonly TimeSpan _changePollInterval = TimeSpan.FromSeconds(1);
    private readonly string _pruningLockKey;
    private volatile bool _migrated;

    /// <summary>Creates the store for the given options; the schema is migrated on first use.</summary>
    /// <param name="options">Connection string and schema.</param>
    public PostgreSqlExportJobStore(PostgreSqlStoreOptions options)
        : this(NpgsqlDataSource.Create(Validate(options).ConnectionString), options.Schema, ownsDataSource: true)
    {
        _changePollInterval = options.ChangePollInterval;
    }

    /// <summary>Creates the store on a data source the caller owns (and disposes).</summary>
    /// <param name="dataSource">The Npgsql data source.</param>
    /// <param name="schema">The schema of the store's tables.</param>
    public PostgreSqlExportJobStore(NpgsqlDataSource dataSource, string schema = "exportjobs")
        : this(dataSource, schema, ownsDataSource: false)
    {
    }

    private PostgreSqlExportJobStore(NpgsqlDataSource dataSource, string schema, bool ownsDataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _sql = new PostgreSqlStatements(schema);
        _outboxSql = new PostgreSqlOutboxStatements(schema);
        _dataSource = dataSource;
        _ownsDataSource = ownsDataSource;
        _migrator = new PostgreSqlSchemaMigrator(dataSource, schema);
        _pruningLockKey = schema + "/pruning";
    }

    /// <inheritdoc/>
    /// <remarks>Migrates the schema (<see cref="MigrateAsync"/>), so a wrong connection string or a failed migration stops the host's start.</remarks>
    public override Task InitializeAsync(CancellationToken cancellationToken) => MigrateAsync(cancellationToken);

    /// <summary>Creates or migrates the schema to the latest version; safe to call from several hosts at once.</summary>
    /// <param name="cancellationToken">Cancels the migration.</param>
    /// <returns>The schema version now in place.</returns>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await _migrationLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var version = await _migrator.MigrateAsync(cancellationToken).ConfigureAwait(false);
            _migrated = true;
            return version;
        }
        finally
        {
            _migrationLock.Release();
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }

        _migrationLock.Dispose();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsDataSource)
        {
            _dataSource.Dispose();
        }

        _migrationLock.Dispose();
    }

    private static PostgreSqlStoreOptions Validate(PostgreSqlStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString, "options.ConnectionString");
        _ = PostgreSqlStoreNames.Quote(options.Schema);
        if (options.ChangePollInterval < TimeSpan.FromMilliseconds(100) || options.ChangePollInterval > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ChangePollInterval, "ChangePollInterval must be between 100 milliseconds and 1 minute.");
        }

        return options;
    }

    private async ValueTask<NpgsqlCommand> CommandAsync(string sql, CancellationToken cancellationToken)
    {
        await EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        return _dataSource.CreateCommand(sql);
    }

    private async ValueTask EnsureMigratedAsync(CancellationToken cancellationToken)
    {
        if (!_migrated)
        {
            await MigrateAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsUniqueViolation(PostgresException ex) => ex.SqlState == PostgresErrorCodes.UniqueViolation;
}
