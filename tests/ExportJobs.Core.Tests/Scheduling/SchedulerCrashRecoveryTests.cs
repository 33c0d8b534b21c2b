using ExportJobs.Model;
using ExportJobs.Running;

namespace ExportJobs.Core.Tests.Scheduling;

public sealed class SchedulerCrashRecoveryTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RunLeftRunning_IsMarkedFailedWithTheInterruptedReasonAtStart()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);
        var job = await harness.CreateJobAsync("0 * * * *");
        harness.Dispatcher.HoldRuns = true;
        await harness.AdvanceToAsync(Start.AddHours(1).AddMinutes(1));
        var interrupted = Assert.Single(harness.Dispatcher.StartedFor(job.Id));

        await harness.RestartAsync(TimeSpan.FromMinutes(5));

        var run = await harness.Store.GetRunAsync(interrupted.Id);
        Assert.Equal(ExportRunStatus.Failed, run!.Status);
        Assert.Equal(ExportRunErrors.Interrupted, run.Error);
        Assert.Equal(Start.AddHours(1).AddMinutes(6), run.CompletedAt);
        Assert.Empty(await harness.Store.ListRunsByStatusAsync(ExportRunStatus.Running));
    }

    [Fact]
    public async Task ExternalRunLeftRunning_IsLeftAloneAtStart_AndItsReporterCompletesIt()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);
        var job = await harness.CreateJobAsync("0 * * * *");
        var reported = await harness.Manager.RecordRunAsync(job.Id, new ExportRun { Id = "", JobId = "", Status = ExportRunStatus.Running, StartedAt = Start });
        var runId = reported.Value!.Id;

        await harness.RestartAsync(TimeSpan.FromMinutes(5));

        Assert.Equal(ExportRunStatus.Running, (await harness.Store.GetRunAsync(runId))!.Status);
        var completed = await harness.Manager.CompleteExternalRunAsync(job.Id, runId, new ExportRunCompletion { Status = ExportRunStatus.Success, RecordCount = 3 });
        Assert.Equal(ExportRunStatus.Success, completed.Value!.Status);
        Assert.Equal(Start.AddMinutes(5), completed.Value.CompletedAt);
        Assert.Equal(ExportRunTrigger.External, (await harness.Store.GetRunAsync(runId))!.Trigger);
    }

    [Fact]
    public async Task RunLeftRunning_ItsSpoolFileIsRemovedAtStart()
    {
        var spool = Path.Combine(Path.GetTempPath(), "exportjobs-spool-test-" + Guid.NewGuid().ToString("N"));
        await using var harness = await SchedulerHarness.StartAsync(Start, o => o.SpoolDirectory = spool);
        var job = await harness.CreateJobAsync("0 * * * *");
        harness.Dispatcher.HoldRuns = true;
        await harness.AdvanceToAsync(Start.AddHours(1).AddMinutes(1));
        var interrupted = Assert.Single(harness.Dispatcher.StartedFor(job.Id));
        Directory.CreateDirectory(spool);
        var leftover = Path.Combine(spool, interrupted.Id + ".spool");
        await File.WriteAllTextAsync(leftover, "half an export");

        await harness.RestartAsync(TimeSpan.FromMinutes(1));

        Assert.False(File.Exists(leftover));
        Directory.Delete(spool, recursive: true);
    }

    [Fact]
    public async Task AfterRecovery_TheNextOccurrenceRunsNormally()
    {
        await using var harness = await SchedulerHarness.StartAsync(Start);
        var job = await harness.CreateJobAsync("0 * * * *");
        harness.Dispatcher.HoldRuns = true;
        await harness.AdvanceToAsync(Start.AddHours(1).AddMinutes(1));

        await harness.RestartAsync(TimeSpan.FromMinutes(5));
        await harness.AdvanceToAsync(Start.AddHours(2).AddMinutes(1));

        var runs = await harness.Store.ListRunsAsync(job.Id, 10);
        Assert.Equal([ExportRunStatus.Success, ExportRunStatus.Failed], runs.Select(r => r.Status));
        Assert.Equal(Start.AddHours(2), runs[0].ScheduledAt);
    }
}
