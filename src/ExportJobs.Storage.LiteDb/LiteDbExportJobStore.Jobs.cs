using ExportJobs.Extensibility;
using ExportJobs.Model;
using LiteDB;

namespace ExportJobs.Storage.LiteDb;

public sealed partial class LiteDbExportJobStore
{
    /// <inheritdoc/>
    /// <remarks>Every job is read fresh or copied from the kept list (<see cref="LiteDbJobCache"/>).</remarks>
    public override bool ReturnsCopies => true;

    /// <inheritdoc/>
    public override Task<ExportJob?> GetJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        cancellationToken.ThrowIfCancellationRequested();
        var doc = _jobs.FindById(jobId);
        return Task.FromResult(doc is null ? null : LiteDbMapper.ToJob(doc));
    }

    /// <inheritdoc/>
    public override Task<bool> JobExistsAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_jobs.Exists(LiteDbQueries.Equal("_id", jobId)));
    }

    /// <inheritdoc/>
    /// <remarks>From memory after the first call (<see cref="LiteDbJobCache"/>): every job write of this process keeps it current.</remarks>
    public override Task<IReadOnlyList<ExportJob>> ListJobsAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var jobs = _jobCache.List(() => _jobs.FindAll().Select(LiteDbMapper.ToJob).ToList());
        return Task.FromResult<IReadOnlyList<ExportJob>>(jobs);
    }

    /// <inheritdoc/>
    /// <remarks>An index range of <c>_id</c> (ordinal, like every key of the file), read from the cursor and stopped after <c>limit</c> jobs.</remarks>
    public override Task<IReadOnlyList<ExportJob>> ListJobsAsync(ExportJobQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        cancellationToken.ThrowIfCancellationRequested();
        var jobs = JobPage(query).ToEnumerable().Select(LiteDbMapper.ToJob).ToList();
        return Task.FromResult<IReadOnlyList<ExportJob>>(jobs);
    }

    /// <summary>The query behind <see cref="ListJobsAsync(ExportJobQuery, CancellationToken)"/>; exposed to tests to check its plan.</summary>
    internal ILiteQueryableResult<BsonDocument> JobPage(ExportJobQuery query)
    {
        var jobs = _jobs.Query();
        if (query.After is { } after)
        {
            jobs = jobs.Where(LiteDbQueries.GreaterThan("_id", after));
        }

        return jobs.OrderBy("_id").Limit(query.Limit);
    }

    /// <inheritdoc/>
    public override Task CreateJobAsync(ExportJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            lock (_jobWrites)
            {
                var doc = LiteDbMapper.FromJob(job);
                _jobs.Insert(doc);
                _jobCache.Apply(job.Id, LiteDbMapper.ToJob(doc));
            }
        }
        catch (LiteException ex) when (ex.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
        {
            throw new InvalidOperationException($"A job with id '{job.Id}' exists already.", ex);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public override Task<bool> UpdateJobAsync(ExportJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_jobWrites)
        {
            var doc = LiteDbMapper.FromJob(job);
            var updated = _jobs.Update(doc);
            if (updated)
            {
                _jobCache.Apply(job.Id, LiteDbMapper.ToJob(doc));
            }

            return Task.FromResult(updated);
        }
    }

    /// <inheritdoc/>
    /// <remarks>Atomic through a lock held across the read and the write: the file belongs to this process (see <see cref="LiteDbFileLock"/>), so every writer of the job takes it.</remarks>
    public override Task<ExportJobWriteOutcome> TryUpdateJobAsync(ExportJob job, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_jobWrites)
        {
            var outcome = Compare(job.Id, expectedVersion);
            if (outcome == ExportJobWriteOutcome.Written)
            {
                var doc = LiteDbMapper.FromJob(job);
                _jobs.Update(doc);
                _jobCache.Apply(job.Id, LiteDbMapper.ToJob(doc));
            }

            return Task.FromResult(outcome);
        }
    }

    /// <inheritdoc/>
    public override Task<ExportJobWriteOutcome> TryDeleteJobAsync(string jobId, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_jobWrites)
        {
            var outcome = Compare(jobId, expectedVersion);
            if (outcome == ExportJobWriteOutcome.Written)
            {
                DeleteWithHistory(jobId);
            }

            return Task.FromResult(outcome);
        }
    }

    /// <inheritdoc/>
    public override Task<bool> DeleteJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_jobWrites)
        {
            return Task.FromResult(DeleteWithHistory(jobId));
        }
    }

    private ExportJobWriteOutcome Compare(string jobId, long expectedVersion) => _jobs.FindById(jobId) switch
    {
        null => ExportJobWriteOutcome.NotFound,
        var doc when LiteDbMapper.JobVersion(doc) != expectedVersion => ExportJobWriteOutcome.VersionMismatch,
        _ => ExportJobWriteOutcome.Written,
    };

    private bool DeleteWithHistory(string jobId)
    {
        var deleted = InTransaction(() =>
        {
            if (!_jobs.Delete(jobId))
            {
                return false;
            }

            _runs.DeleteMany(LiteDbQueries.Between(SortKey, LiteDbKeys.JobLow(jobId), LiteDbKeys.JobHigh(jobId)));
            _running.DeleteMany(LiteDbQueries.Equal("jobId", jobId));
            _claims.DeleteMany(LiteDbQueries.Between("_id", LiteDbKeys.JobLow(jobId), LiteDbKeys.JobHigh(jobId)));
            return true;
        });
        _latestRuns.Invalidate(jobId);
        if (deleted)
        {
            _jobCache.Apply(jobId, null);
        }

        return deleted;
    }
}
