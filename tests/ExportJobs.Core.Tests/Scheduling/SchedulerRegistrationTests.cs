using ExportJobs.Extensibility;
using ExportJobs.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ExportJobs.Core.Tests.Scheduling;

public sealed class SchedulerRegistrationTests
{
    [Fact]
    public void AddExportJobs_Twice_RegistersOneSchedulerAndOneChangeListener()
    {
        var services = new ServiceCollection();
        services.AddExportJobs();
        services.AddExportJobs();

        Assert.Single(services, d => d.ServiceType == typeof(IHostedService) && d.ImplementationFactory?.Method.ReturnType == typeof(ExportScheduler));
        Assert.Single(services, d => d.ServiceType == typeof(IExportJobChangeListener) && d.ImplementationFactory?.Method.ReturnType == typeof(ExportScheduler));
    }

    [Fact]
    public void ChangeListener_IsTheHostedScheduler()
    {
        using var folder = new ExportJobs.Testing.TempDirectory();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddExportJobs().UseLiteDb($"Filename={folder.File("jobs.db")}");
        using var provider = services.BuildServiceProvider();

        var listeners = provider.GetServices<IExportJobChangeListener>().OfType<ExportScheduler>();

        Assert.Same(provider.GetServices<IHostedService>().OfType<ExportScheduler>().Single(), Assert.Single(listeners));
    }

    [Fact]
    public void SchedulerOptions_Invalid_AreAllReportedAtOnce()
    {
        var options = new ExportJobsOptions
        {
            MisfireGraceWindow = TimeSpan.FromMinutes(-1),
            RetryAttempts = -1,
            RetryDelay = TimeSpan.Zero,
            RetryMaxDelay = TimeSpan.FromDays(2),
            RetryJitter = 1.5,
            AutoPauseAfterFailures = -3,
            RunLeaseDuration = TimeSpan.FromMilliseconds(500),
        };

        var result = new ExportJobsOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.Contains("MisfireGraceWindow", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("RetryAttempts", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("RetryDelay must be positive", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("RetryMaxDelay must be at most one day", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("RetryJitter", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("AutoPauseAfterFailures", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("RunLeaseDuration", StringComparison.Ordinal));
    }

    [Fact]
    public void SchedulerOptions_Defaults_AreValid()
    {
        var options = new ExportJobsOptions();

        Assert.Equal(ValidateOptionsResult.Success, new ExportJobsOptionsValidator().Validate(null, options));
        Assert.Equal(TimeSpan.FromMinutes(15), options.MisfireGraceWindow);
        Assert.Equal(0, options.AutoPauseAfterFailures);
        Assert.Equal(TimeSpan.FromSeconds(30), options.RunLeaseDuration);
    }

    [Fact]
    public void AddExportJobs_RegistersLeaseKeeperAndChangeWatcherOnce()
    {
        var services = new ServiceCollection();
        services.AddExportJobs();
        services.AddExportJobs();

        Assert.Single(services, d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(ExportJobs.Running.ExportRunLeaseKeeper));
        Assert.Single(services, d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(ExportJobChangeWatcher));
    }

    [Fact]
    public async Task SchedulerDisabled_RunsNothing()
    {
        var start = new DateTimeOffset(2026, 1, 10, 12, 0, 0, TimeSpan.Zero);
        await using var harness = await SchedulerHarness.StartAsync(start, o => o.SchedulerEnabled = false);
        var result = await harness.Manager.CreateAsync(new Model.ExportJobDefinition { Name = "n", DestinationType = "null", Format = "csv", Schedule = "* * * * *" });
        Assert.NotNull(result.Value);

        harness.Time.Advance(TimeSpan.FromMinutes(10));

        Assert.Empty(harness.Dispatcher.Started);
        Assert.True(harness.Logs.Contains(Microsoft.Extensions.Logging.LogLevel.Information, "turned off"));
    }
}
