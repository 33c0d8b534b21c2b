using System.Collections.Concurrent;
using ExportJobs.Extensibility;
using ExportJobs.Model;

namespace ExportJobs.Benchmarks.Scheduler;

/// <summary>
/// A minimal in-memory store for the benchmark only, so that ExportJobs can be compared with Hangfire.InMemory on equal
/// terms (scheduler cost without disk). Not a product: the library ships LiteDB as its embedded default.
/// </summary>
internal sealed class InMemoryExportJobStore : ExportJobStore
{
    private readonly ConcurrentDictionary<string, ExportJob> _jobs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ExportRun> _runs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string JobId, long Ticks), string> _claims = new();

    public override Task<ExportJob?> GetJobAsync(string jobId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_jobs.GetValueOrDefault(jobId));

    public override Task<IReadOnlyList<ExportJob>> ListJobsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ExportJob>>(_jobs.Values.OrderBy(j => j.CreatedAt).ThenBy(j => j.Id, StringComparer.Ordinal).ToList());

    public override Task CreateJobAsync(ExportJob job, CancellationToken cancellationToken = default) =>
        _jobs.TryAdd(job.Id, job) ? Task.CompletedTask : throw new InvalidOperationException($"Job {job.Id} exists.");

    public override Task<bool> UpdateJobAsync(ExportJob job, CancellationToken cancellationToken = default)
    {
        if (!_jobs.ContainsKey(job.Id))
        {
            return Task.FromResult(false);
        }

        _jobs[job.Id] = job;
        return Task.FromResult(true);
    }

    public override Task<bool> DeleteJobAsync(string jobId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_jobs.TryRemove(jobId, out _));

    public override Task CreateRunAsync(ExportRun run, CancellationToken cancellationToken = default) =>
        _runs.TryAdd(run.Id, run) ? Task.CompletedTask : throw new InvalidOperationException($"Run {run.Id} exists.");

    public override Task<bool> UpdateRunAsync(ExportRun run, CancellationToken cancellationToken = default)
    {
        _runs[run.Id] = run;
        return Task.FromResult(true);
    }

    public override Task<ExportRun?> GetRunAsync(string runId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_runs.GetValueOrDefault(runId));

    public override Task<IReadOnlyList<ExportRun>> ListRunsAsync(string jobId, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ExportRun>>(_runs.Values.Where(r => r.JobId == jobId).OrderByDescending(r => r.StartedAt).Take(limit).ToList());

    public override async Task<ExportRun?> GetLatestRunAsync(string jobId, ExportRunStatus? status = null, CancellationToken cancellationToken = default) =>
        (await ListRunsAsync(jobId, int.MaxValue, cancellationToken)).FirstOrDefault(r => status is null || r.Status == status);

    public override Task<IReadOnlyList<ExportRun>> ListRunsByStatusAsync(ExportRunStatus status, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ExportRun>>(_runs.Values.Where(r => r.Status == status).ToList());

    public override Task<bool> TryClaimOccurrenceAsync(string jobId, DateTimeOffset occurrence, string owner, CancellationToken cancellationToken = default) =>
        Task.FromResult(_claims.TryAdd((jobId, occurrence.UtcTicks), owner));

    public override Task<DateTimeOffset?> GetLastClaimedOccurrenceAsync(string jobId, CancellationToken cancellationToken = default)
    {
        var ticks = _claims.Keys.Where(k => k.JobId == jobId).Select(k => (long?)k.Ticks).Max();
        return Task.FromResult(ticks is null ? null : (DateTimeOffset?)new DateTimeOffset(ticks.Value, TimeSpan.Zero));
    }
}
