using ExportJobs.Extensibility;
using ExportJobs.Model;
using Npgsql;

namespace ExportJobs.Storage.PostgreSql;

public sealed partial class PostgreSqlExportJobStore
{
    /// <inheritdoc/>
    /// <remarks>
    /// The cursor is a row comparison <c>(started_at, id) &lt; (…)</c> on the index <c>(job_id, started_at DESC, id DESC)</c>
    /// (with a status, <c>(job_id, status, started_at DESC, id DESC)</c>): the page is an index range read from the
    /// cursor and stopped after <c>limit</c> rows, however deep the page.
    /// </remarks>
    public override async Task<IReadOnlyList<ExportRun>> ListRunsAsync(string jobId, ExportRunQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        if (query.Before is null && query.Status is null)
        {
            return await ListRunsAsync(jobId, query.Limit, cancellationToken).ConfigureAwait(false);
        }

        var sql = (query.Before, query.Status) switch
        {
            (null, _) => _sql.RunsWithStatus,
            (_, null) => _sql.RunPage,
            _ => _sql.RunPageWithStatus,
        };
        await using var command = await CommandAsync(sql, cancellationToken).ConfigureAwait(false);
        command.Parameters.Add(PostgreSqlMapper.Text(jobId));
        if (query.Before is { } before)
        {
            command.Parameters.Add(PostgreSqlMapper.Instant(before.StartedAt));
            command.Parameters.Add(PostgreSqlMapper.Text(before.RunId));
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = query.Limit });
            if (query.Status is { } status)
            {
                command.Parameters.Add(PostgreSqlMapper.Text(PostgreSqlMapper.StatusName(status)));
            }
        }
        else
        {
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = query.Limit });
            command.Parameters.Add(PostgreSqlMapper.Text(PostgreSqlMapper.StatusName(query.Status!.Value)));
        }

        return await ReadAllAsync(command, PostgreSqlMapper.ReadRun, cancellationToken).ConfigureAwait(false);
    }
}
