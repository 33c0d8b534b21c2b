using ExportJobs.Extensibility;
using ExportJobs.Model;
using ExportJobs.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ExportJobs.AspNetCore.HealthChecks;

/// <summary>
/// Reports ExportJobs' health: Unhealthy when the store cannot be read or the scheduler is not running; Degraded when
/// a job's last <see cref="ExportJobsHealthCheckOptions.FailedRunsThreshold"/> runs all failed; Healthy otherwise.
/// </summary>
/// <remarks>The store is resolved inside the check so that a store that cannot even be opened is reported, not thrown.</remarks>
internal sealed class ExportJobsHealthCheck(
    IServiceProvider services,
    ExportSchedulerStatus scheduler,
    IOptionsMonitor<ExportJobsHealthCheckOptions> options,
    IOptionsMonitor<ExportJobsOptions> exportOptions) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = options.Get(context.Registration.Name);
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["schedulerRunning"] = scheduler.IsRunning,
        };

        ExportJobStore store;
        IReadOnlyList<ExportJob> jobs;
        try
        {
            store = services.GetRequiredService<ExportJobStore>();
            jobs = await store.ListJobsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"The export job store cannot be read ({ex.GetType().Name}).", data: data);
        }

        data["jobs"] = jobs.Count;
        var schedulerEnabled = exportOptions.CurrentValue.SchedulerEnabled;
        data["schedulerEnabled"] = schedulerEnabled;
        if (settings.RequireScheduler && schedulerEnabled && !scheduler.IsRunning)
        {
            var why = scheduler.StartedAt is null ? "it has not started (is the scheduler registered and enabled?)" : $"it stopped: {scheduler.StopReason}";
            return new HealthCheckResult(context.Registration.FailureStatus, $"The export scheduler is not running: {why}", data: data);
        }

        // One batched read screens the jobs: only a job whose latest run failed can have failed its last N runs.
        var latest = await store.GetLatestRunsAsync(jobs.Select(j => j.Id).ToList(), cancellationToken).ConfigureAwait(false);
        var failing = new List<string>();
        foreach (var job in jobs.Where(j => latest.TryGetValue(j.Id, out var run) && run.Status == ExportRunStatus.Failed))
        {
            var runs = await store.ListRunsAsync(job.Id, settings.FailedRunsThreshold, cancellationToken).ConfigureAwait(false);
            if (runs.Count >= settings.FailedRunsThreshold && runs.All(r => r.Status == ExportRunStatus.Failed))
            {
                failing.Add($"{job.Name} ({job.Id})");
            }
        }

        if (failing.Count > 0)
        {
            data["failingJobs"] = failing;
            return HealthCheckResult.Degraded(
                $"{failing.Count} export job(s) failed their last {settings.FailedRunsThreshold} runs: {string.Join(", ", failing)}.", data: data);
        }

        return HealthCheckResult.Healthy($"{jobs.Count} export job(s); store reachable; scheduler {(scheduler.IsRunning ? "running" : "not required")}.", data);
    }
}
