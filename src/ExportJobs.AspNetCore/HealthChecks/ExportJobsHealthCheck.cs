using ExportJobs.Management;
using ExportJobs.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ExportJobs.AspNetCore.HealthChecks;

/// <summary>
/// Reports ExportJobs' health: Unhealthy when the store cannot be read or the scheduler is not running; Degraded when
/// a job's last <see cref="ExportJobsHealthCheckOptions.FailedRunsThreshold"/> runs all failed; Healthy otherwise.
/// </summary>
/// <remarks>
/// It asks the front door (<see cref="ExportJobManager"/>) only. The manager is resolved inside the check, so that a store
/// that cannot even be opened is reported, not thrown.
/// </remarks>
internal sealed class ExportJobsHealthCheck(
    IServiceProvider services,
    IOptionsMonitor<ExportJobsHealthCheckOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = options.Get(context.Registration.Name);
        ExportJobManager manager;
        IReadOnlyList<ExportJobView> jobs;
        ExportSchedulerState scheduler;
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        try
        {
            manager = services.GetRequiredService<ExportJobManager>();
            scheduler = manager.GetSchedulerState();
            data["schedulerRunning"] = scheduler.IsRunning;
            jobs = await manager.ListAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            data.TryAdd("schedulerRunning", false);
            return new HealthCheckResult(context.Registration.FailureStatus, $"The export job store cannot be read ({ex.GetType().Name}).", data: data);
        }

        data["jobs"] = jobs.Count;
        data["schedulerEnabled"] = scheduler.Enabled;
        if (settings.RequireScheduler && scheduler.Enabled && !scheduler.IsRunning)
        {
            var why = scheduler.StartedAt is null ? "it has not started (is the scheduler registered and enabled?)" : $"it stopped: {scheduler.StopReason}";
            return new HealthCheckResult(context.Registration.FailureStatus, $"The export scheduler is not running: {why}", data: data);
        }

        // The job list carries each job's latest run: only a job whose latest run failed can have failed its last N runs.
        var failing = new List<string>();
        foreach (var view in jobs.Where(j => j.LastRun?.Status == ExportRunStatus.Failed))
        {
            var runs = await manager.ListRunsAsync(view.Job.Id, settings.FailedRunsThreshold, cancellationToken).ConfigureAwait(false) ?? [];
            if (runs.Count >= settings.FailedRunsThreshold && runs.All(r => r.Status == ExportRunStatus.Failed))
            {
                failing.Add($"{view.Job.Name} ({view.Job.Id})");
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
