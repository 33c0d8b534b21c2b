using ExportJobs.Core.Tests.Scheduling;
using ExportJobs.Diagnostics;
using ExportJobs.Scheduling;
using ExportJobs.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ExportJobs.Core.Tests.Diagnostics;

/// <summary>The scheduler's lateness, skipped occurrences and liveness, read while the real scheduler runs on a fake clock.</summary>
public sealed class SchedulerTelemetryTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task OverlappingOccurrence_IsCountedAsSkipped_AndStartedOnesRecordLateness()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);
        using var recorder = Recorders.For(harness.Services.GetRequiredService<ExportJobsTelemetry>());
        harness.Dispatcher.HoldRuns = true;
        var job = await harness.CreateJobAsync("*/5 * * * *");

        await harness.AdvanceToAsync(Start.AddMinutes(12));

        var skipped = recorder.Only(ExportJobsTelemetryNames.OccurrencesSkipped);
        Assert.Equal("overlap", skipped.Tags[ExportJobsTelemetryNames.ReasonTag]);
        Assert.Equal(job.Id, skipped.Tags[ExportJobsTelemetryNames.JobIdTag]);
        var lateness = recorder.Only(ExportJobsTelemetryNames.SchedulerLateness);
        Assert.InRange(lateness.Value, 0, 1);
    }

    [Fact]
    public async Task RunningScheduler_ReportsItselfRunning_AndStoppedAfterShutdown()
    {
        var harness = await SchedulerHarness.StartAsync(Start);
        var status = harness.Services.GetRequiredService<ExportSchedulerStatus>();

        Assert.True(status.IsRunning);
        Assert.Equal(Start, status.StartedAt);

        await harness.DisposeAsync();
        Assert.False(status.IsRunning);
        Assert.Equal("stopped", status.StopReason);
    }
}
