using ExportJobs.Extensibility;
using ExportJobs.Model;
using Npgsql;

namespace ExportJobs.Storage.PostgreSql;

public sealed partial class PostgreSqlExportJobStore
{
    /// <inheritdoc/>
    public override async Task<ExportJob?> GetJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        await using var command = await CommandAsync(_sql.GetJob, cancellationToken).ConfigureAwait(false);
        command.Parameters.Add(PostgreSqlMapper.Text(jobId));
        return await ReadSingleAsync(command, PostgreSqlMapper.ReadJob, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>Answers from the primary key alone, without reading or parsing the job.</remarks>
    public override async Task<bool> JobExistsAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        await using var command = await CommandAsync(_sql.JobExists, cancellationToken).ConfigureAwait(false);
        command.Parameters.Add(PostgreSqlMapper.Text(jobId));
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc/>
    /// <remarks>Every job is read fresh or copied from the kept list (<see cref="PostgreSqlJobCache"/>).</remarks>
    public override bool ReturnsCopies => true;

    /// <inheritdoc/>
    /// <remarks>
    /// From memory while no job changed since the last full read (<see cref="PostgreSqlJobCache"/>): one query of two
    /// numbers, then copies of the jobs kept; otherwise every row is read again.
    /// </remarks>
    public override async Task<IReadOnlyList<ExportJob>> ListJobsAsync(CancellationToken cancellationToken = default)
    {
        var stamp = await ReadJobListStampAsync(cancellationToken).ConfigureAwait(false);
        if (_jobCache.TryList(stamp) is { } kept)
        {
            return kept;
        }

        await using var command = await CommandAsync(_sql.ListJobs, cancellationToken).ConfigureAwait(false);
        return _jobCache.Keep(stamp, await ReadAllAsync(command, PostgreSqlMapper.ReadJob, cancellationToken).ConfigureAwait(false));
    }

    private async Task<JobListStamp> ReadJobListStampAsync(CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync(_sql.JobListStamp, cancellationToken).ConfigureAwait(false);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new JobListStamp(reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <inheritdoc/>
    /// <remarks>A range of the primary key (<c>id COLLATE "C"</c>: byte order, which for ids is ordinal order), stopped after <c>limit</c> rows.</remarks>
    public override async Task<IReadOnlyList<ExportJob>> ListJobsAsync(ExportJobQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        await using var command = await CommandAsync(query.After is null ? _sql.FirstJobPage : _sql.JobPage, cancellationToken).ConfigureAwait(false);
        if (query.After is { } after)
        {
            command.Parameters.Add(PostgreSqlMapper.Text(after));
        }

        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = query.Limit });
        return await ReadAllAsync(command, PostgreSqlMapper.ReadJob, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override async Task CreateJobAsync(ExportJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using var command = await CommandAsync(_sql.InsertJob, cancellationToken).ConfigureAwait(false);
        PostgreSqlMapper.BindJob(command.Parameters, job);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (IsUniqueViolation(ex))
        {
            throw new InvalidOperationException($"A job with id '{job.Id}' exists already.", ex);
        }
    }

    /// <inheritdoc/>
    public override async Task<bool> UpdateJobAsync(ExportJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using var command = await CommandAsync(_sql.UpdateJob, cancellationToken).ConfigureAwait(false);
        PostgreSqlMapper.BindJob(command.Parameters, job);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc/>
    /// <remarks>One conditional <c>UPDATE … WHERE id = … AND version = …</c>; a second query only tells a missing job from a changed one.</remarks>
    public override async Task<ExportJobWriteOutcome> TryUpdateJobAsync(ExportJob job, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using (var command = await CommandAsync(_sql.UpdateJobIfVersion, cancellationToken).ConfigureAwait(false))
        {
            PostgreSqlMapper.BindJob(command.Parameters, job);
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expectedVersion });
            if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
            {
                return ExportJobWriteOutcome.Written;
            }
        }

        return await JobExistsAsync(job.Id, cancellationToken).ConfigureAwait(false) ? ExportJobWriteOutcome.VersionMismatch : ExportJobWriteOutcome.NotFound;
    }

    /// <inheritdoc/>
    /// <remarks>The job's row is locked (<c>SELECT … FOR UPDATE</c>) while its version is compared and the job, its runs and its claims are deleted, in one transaction.</remarks>
    public override async Task<ExportJobWriteOutcome> TryDeleteJobAsync(string jobId, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        await EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var read = new NpgsqlCommand(_sql.LockJobVersion, connection, transaction) { Parameters = { PostgreSqlMapper.Text(jobId) } })
        {
            var version = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            if (version is not long stored)
            {
                return ExportJobWriteOutcome.NotFound;
            }

            if (stored != expectedVersion)
            {
                return ExportJobWriteOutcome.VersionMismatch;
            }
        }

        await DeleteInTransactionAsync(connection, transaction, jobId, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return ExportJobWriteOutcome.Written;
    }

    /// <inheritdoc/>
    /// <remarks>The job, its runs and its claims go in one transaction.</remarks>
    public override async Task<bool> DeleteJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        await EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var deleted = await DeleteInTransactionAsync(connection, transaction, jobId, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return deleted;
    }

    private async Task<bool> DeleteInTransactionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string jobId, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(_sql.DeleteRunsOfJob) { Parameters = { PostgreSqlMapper.Text(jobId) } },
                new NpgsqlBatchCommand(_sql.DeleteClaimsOfJob) { Parameters = { PostgreSqlMapper.Text(jobId) } },
                new NpgsqlBatchCommand(_sql.DeleteJob) { Parameters = { PostgreSqlMapper.Text(jobId) } },
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return batch.BatchCommands[2].RecordsAffected == 1;
    }

    private static async Task<T?> ReadSingleAsync<T>(NpgsqlCommand command, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
        where T : class
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? read(reader) : null;
    }

    private static async Task<IReadOnlyList<T>> ReadAllAsync<T>(NpgsqlCommand command, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        var items = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(read(reader));
        }

        return items;
    }
}
