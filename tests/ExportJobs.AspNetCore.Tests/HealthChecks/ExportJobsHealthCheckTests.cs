using ExportJobs.AspNetCore.HealthChecks;
using ExportJobs.Management;
using ExportJobs.Model;
using ExportJobs.Scheduling;
using ExportJobs.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ExportJobs.AspNetCore.Tests.HealthChecks;

public sealed class ExportJobsHealthCheckTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    [Fact]
    public async Task StoreReachable_SchedulerRunning_NoFailures_IsHealthy()
    {
        await using var services = Build($"Filename={_folder.File("a.db")}");
        services.GetRequiredService<ExportSchedulerStatus>().ReportStarted(DateTimeOffset.UnixEpoch);
        await CreateJobAsync(services, "ok", ExportRunStatus.Failed, ExportRunStatus.Failed, ExportRunStatus.Success);

        var entry = await CheckAsync(services);

        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.Equal(1, entry.Data["jobs"]);
    }

    [Fact]
    public async Task SchedulerNeverStarted_IsUnhealthy()
    {
        await using var services = Build($"Filename={_folder.File("b.db")}");

        var entry = await CheckAsync(services);

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Contains("scheduler is not running", entry.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SchedulerStopped_IsUnhealthy_AndSaysWhy()
    {
        await using var services = Build($"Filename={_folder.File("c.db")}");
        var status = services.GetRequiredService<ExportSchedulerStatus>();
        status.ReportStarted(DateTimeOffset.UnixEpoch);
        status.ReportStopped("InvalidOperationException: boom");

        var entry = await CheckAsync(services);

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Contains("boom", entry.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SchedulerNotRequired_NotRunning_IsHealthy()
    {
        await using var services = Build($"Filename={_folder.File("d.db")}", o => o.RequireScheduler = false);

        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(services)).Status);
    }

    [Fact]
    public async Task JobWhoseLastRunsAllFailed_IsDegraded_AndNamed()
    {
        await using var services = Build($"Filename={_folder.File("e.db")}", o => o.FailedRunsThreshold = 2);
        services.GetRequiredService<ExportSchedulerStatus>().ReportStarted(DateTimeOffset.UnixEpoch);
        await CreateJobAsync(services, "healthy", ExportRunStatus.Failed, ExportRunStatus.Success);
        var failing = await CreateJobAsync(services, "broken", ExportRunStatus.Success, ExportRunStatus.Failed, ExportRunStatus.Failed);

        var entry = await CheckAsync(services);

        Assert.Equal(HealthStatus.Degraded, entry.Status);
        var names = Assert.IsType<List<string>>(entry.Data["failingJobs"]);
        Assert.Equal([$"broken ({failing})"], names);
    }

    [Fact]
    public async Task StoreUnreachable_IsUnhealthy()
    {
        var notAFolder = _folder.File("file.txt");
        await File.WriteAllTextAsync(notAFolder, "x");
        await using var services = Build($"Filename={Path.Combine(notAFolder, "exportjobs.db")}");
        services.GetRequiredService<ExportSchedulerStatus>().ReportStarted(DateTimeOffset.UnixEpoch);

        var entry = await CheckAsync(services);

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
    }

    [Fact]
    public async Task SchedulerDisabledByOptions_IsNotRequired()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddExportJobs(o => o.SchedulerEnabled = false).UseLiteDb($"Filename={_folder.File("f.db")}");
        services.AddHealthChecks().AddExportJobsHealthCheck();
        await using var provider = services.BuildServiceProvider();

        var entry = await CheckAsync(provider);

        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.Equal(false, entry.Data["schedulerEnabled"]);
    }

    [Fact]
    public async Task SampleHost_HealthEndpoint_IsHealthy_WithItsSchedulerRunning()
    {
        await using var host = new SampleHost();
        host.StartServer();
        using var client = host.CreateClient();

        var body = await client.GetStringAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal("Healthy", body);
        Assert.True(host.Services.GetRequiredService<ExportSchedulerStatus>().IsRunning);
    }

    public void Dispose() => _folder.Dispose();

    private static ServiceProvider Build(string connectionString, Action<ExportJobsHealthCheckOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddExportJobs().UseLiteDb(connectionString).AddDestination<RecordingDestination>(RecordingDestination.TypeName);
        services.AddHealthChecks().AddExportJobsHealthCheck(configure: configure);
        return services.BuildServiceProvider();
    }

    private static async Task<HealthReportEntry> CheckAsync(IServiceProvider services)
    {
        var report = await services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        return report.Entries["exportjobs"];
    }

    private static async Task<string> CreateJobAsync(IServiceProvider services, string name, params ExportRunStatus[] oldestFirst)
    {
        var manager = services.GetRequiredService<ExportJobManager>();
        var created = await manager.CreateAsync(new ExportJobDefinition { Name = name, DestinationType = RecordingDestination.TypeName, Format = "csv", Schedule = "0 2 * * *", DestinationConfig = new() { ["path"] = "out" } });
        Assert.True(created.Value is not null, "job not created");
        var id = created.Value!.Job.Id;
        var start = new DateTimeOffset(2026, 1, 1, 2, 0, 0, TimeSpan.Zero);
        foreach (var (status, i) in oldestFirst.Select((s, i) => (s, i)))
        {
            var at = start.AddDays(i);
            var result = await manager.RecordRunAsync(id, new ExportRun { Id = string.Empty, JobId = string.Empty, Status = status, StartedAt = at, CompletedAt = at.AddMinutes(1) });
            Assert.True(result.Value is not null, "run not recorded");
        }

        return id;
    }
}
