using ExportJobs.Extensibility;
using ExportJobs.Model;
using Xunit;

namespace ExportJobs.Testing.Storage;

/// <summary>The run lifecycle: fenced final writes, lease checks, heartbeats with progress, cancel requests.</summary>
public abstract partial class ExportJobStoreConformanceTests
{
    private const string Owner = "web-2:4711";

    [Fact]
    public async Task CompleteRun_HeldAtItsEpoch_StoresTheOutcome()
    {
        await Store.CreateJobAsync(NewJob("job-1"));
        await Store.CreateRunAsync(OpenedRun("run-1"));
        var final = Finished(OpenedRun("run-1"));

        Assert.True(await Store.CompleteRunAsync(final));

        AssertSameRun(final, await Store.GetRunAsync("run-1"));
    }

    [Theory]
    [InlineData("web-3:1", 1)]
    [InlineData(Owner, 2)]
    [InlineData(Owner, 0)]
    public async Task CompleteRun_OtherOwnerOrEpoch_WritesNothing(string owner, long epoch)
    {
        await Store.CreateJobAsync(NewJob("job-1"));
        var opened = OpenedRun("run-1");
        await Store.CreateRunAsync(opened);

        Assert.False(await Store.CompleteRunAsync(Finished(opened) with { Owner = owner, Epoch = epoch }));

        AssertSameRun(opened, await Store.GetRunAsync("run-1"));
    }

    [Fact]
    public async Task CompleteRun_AlreadyFinished_WritesNothing()
    {
        await Store.CreateJobAsync(NewJob("job-1"));
        await Store.CreateRunAsync(OpenedRun("run-1"));
        var failedElsewhere = OpenedRun("run-1") with { Status = ExportRunStatus.Failed, CompletedAt = T0.AddSeconds(5), Error = "interrupted" };
        Assert.True(await Store.UpdateRunAsync(failedElsewhere));

        Assert.False(await Store.CompleteRunAsync(Finished(OpenedRun("run-1"))));

        AssertSameRun(failedElsewhere, await Store.GetRunAsync("run-1"));
    }

    [Fact]
    public async Task CompleteRun_Unknown_ReturnsFalseAndCreatesNothing()
    {
        await Store.CreateJobAsync(NewJob("job-1"));

        Assert.False(await Store.CompleteRunAsync(Finished(OpenedRun("run-1"))));

        Assert.Null(await Store.GetRunAsync("run-1"));
    }

    [Fact]
    public async Task CheckRunLease_SaysWhetherTheOwnerStillHoldsTheRun()
    {
        await Store.CreateJobAsync(NewJob("job-1"));
        await Store.CreateRunAsync(OpenedRun("run-1"));
        await Store.CreateRunAsync(Finished(OpenedRun("run-2")));

        Assert.True((await Store.CheckRunLeaseAsync("run-1", Owner, 1)).Held);
        Assert.False((await Store.CheckRunLeaseAsync("run-1", "web-3:1", 1)).Held);
        Assert.False((await Store.CheckRunLeaseAsync("run-1", Owner, 2)).Held);
        Assert.False((await Store.CheckRunLeaseAsync("run-2", Owner, 1)).Held);
        Assert.False((await Store.CheckRunLeaseAsync("run-9", Owner, 1)).Held);
    }

    [Fact]
    public async Task HeartbeatRuns_AnswersInOrder_HeldOrNot()
    {
        await Store.CreateJobAsync(NewJob("job-1"));
        await Store.CreateRunAsync(OpenedRun("run-1"));
        await Store.CreateRunAsync(OpenedRun("run-2") with { Epoch = 2 });
        await Store.CreateRunAsync(Finished(OpenedRun("run-3")));
        var progress = new ExportRunProgress(ExportRunProgressStage.Writer, 1200, 65536, T0.AddSeconds(10));

        var states = await Store.HeartbeatRunsAsync(
            [new ExportRunHeartbeat("run-3", 1, progress), new ExportRunHeartbeat("run-1", 1, progress), new ExportRunHeartbeat("run-2", 1, progress), new ExportRunHeartbeat("run-9", 1, progress)],
            Owner,
            T0.AddSeconds(10));

        Assert.Equal(["run-3", "run-1", "run-2", "run-9"], states.Select(s => s.RunId));
        Assert.Equal([false, true, false, false], states.Select(s => s.Held));
        Assert.All(states, s => Assert.False(s.CancelRequested));
        Assert.Equal(ExportRunStatus.Running, (await Store.GetRunAsync("run-1"))!.Status);
    }

    [Fact]
    public async Task HeartbeatRuns_WithLeases_StoresTheProgress()
    {
        if (!Store.SupportsRunLeases)
        {
            return;
        }

        await Store.CreateJobAsync(NewJob("job-1"));
        await Store.CreateRunAsync(OpenedRun("run-1"));
        var progress = new ExportRunProgress(ExportRunProgressStage.Delivery, 20_000, 7_000_000_000, T0.AddSeconds(20));

        await Store.HeartbeatRunsAsync([new ExportRunHeartbeat("run-1", 1, progress)], Owner, T0.AddSeconds(20));

        var stored = await Store.GetRunAsync("run-1");
        Assert.Equal(progress.Stage, stored!.Progress!.Stage);
        Assert.Equal(progress.RecordsWritten, stored.Progress.RecordsWritten);
        Assert.Equal(progress.BytesWritten, stored.Progress.BytesWritten);
        Assert.Equal(T0.AddSeconds(20), stored.Progress.UpdatedAt);
    }

    [Fact]
    public async Task RequestRunCancel_Running_WithLeases_IsReadByTheNextHeartbeat()
    {
        await Store.CreateJobAsync(NewJob("job-1"));
        await Store.CreateRunAsync(OpenedRun("run-1"));

        var answered = await Store.RequestRunCancelAsync("run-1", "alice");

        Assert.NotNull(answered);
        Assert.Equal(ExportRunStatus.Running, answered.Status);
        if (!Store.SupportsRunLeases)
        {
            return;
        }

        Assert.True(answered.Cancelled);
        Assert.Equal("alice", answered.CancelledBy);
        var state = Assert.Single(await Store.HeartbeatRunsAsync([new ExportRunHeartbeat("run-1", 1, null)], Owner, T0.AddSeconds(3)));
        Assert.True(state.Held);
        Assert.True(state.CancelRequested);
        Assert.Equal("alice", state.CancelledBy);
        Assert.True((await Store.CheckRunLeaseAsync("run-1", Owner, 1)).CancelRequested);
    }

    [Fact]
    public async Task RequestRunCancel_FinishedOrUnknown_ChangesNothing()
    {
        await Store.CreateJobAsync(NewJob("job-1"));
        var finished = Finished(OpenedRun("run-1"));
        await Store.CreateRunAsync(finished);

        var answered = await Store.RequestRunCancelAsync("run-1", "alice");

        AssertSameRun(finished, answered);
        AssertSameRun(finished, await Store.GetRunAsync("run-1"));
        Assert.Null(await Store.RequestRunCancelAsync("run-9", "alice"));
    }

    [Fact]
    public async Task FailExpiredRuns_RaisesTheEpoch_SoTheLosingHostCanNeitherRenewNorComplete()
    {
        if (!Store.SupportsRunLeases)
        {
            return;
        }

        await Store.CreateJobAsync(NewJob("job-1"));
        await Store.CreateRunAsync(OpenedRun("run-1"));
        await Store.HeartbeatRunsAsync([new ExportRunHeartbeat("run-1", 1, new ExportRunProgress(ExportRunProgressStage.Writer, 5, 10, T0))], Owner, T0);

        var failed = Assert.Single(await Store.FailExpiredRunsAsync(T0.AddSeconds(31), T0.AddSeconds(31), "interrupted"));

        Assert.Equal(2, failed.Epoch);
        Assert.Null(failed.Progress);
        Assert.False(Assert.Single(await Store.HeartbeatRunsAsync([new ExportRunHeartbeat("run-1", 1, null)], Owner, T0.AddSeconds(32))).Held);
        Assert.False(await Store.CompleteRunAsync(Finished(OpenedRun("run-1"))));
        var stored = await Store.GetRunAsync("run-1");
        Assert.Equal(ExportRunStatus.Failed, stored!.Status);
        Assert.Equal("interrupted", stored.Error);
        Assert.Null(stored.Progress);
    }

    /// <summary>A run as a host opens it: running, owned by <see cref="Owner"/> at epoch 1, no progress yet.</summary>
    private static ExportRun OpenedRun(string id) => NewRun("job-1", id, T0) with { Owner = Owner, Epoch = 1, Progress = null, Cancelled = false, CancelledBy = null };

    private static ExportRun Finished(ExportRun opened) => opened with
    {
        Status = ExportRunStatus.Success,
        CompletedAt = opened.StartedAt.AddSeconds(30),
        RecordCount = 20_000,
        FileSize = 1_843_221,
        DestinationPath = "s3://exports/run.csv",
        Checksum = new string('b', 64),
    };
}
