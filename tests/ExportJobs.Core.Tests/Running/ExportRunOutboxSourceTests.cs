using ExportJobs.Core.Tests.Support;
using ExportJobs.Extensibility;
using ExportJobs.Model;
using Microsoft.Extensions.DependencyInjection;

namespace ExportJobs.Core.Tests.Running;

/// <summary>Outbox sources: their messages go into the store in the run's final write; one that throws never fails the run.</summary>
public sealed class ExportRunOutboxSourceTests
{
    [Fact]
    public async Task Source_ItsMessagesAreWrittenWithTheFinalRun_AndItSeesTheJobAndTheFinalState()
    {
        await using var harness = new EngineHarness(new ListRecordSource(AwkwardRecords.Columns, AwkwardRecords.All), extend: b => b.AddRunOutboxSource<EchoSource>().AddRunOutboxSource<EchoSource>());
        var run = await harness.RunAsync(EngineHarness.Job("csv"));

        var source = Assert.Single(harness.Services.GetServices<IExportRunOutboxSource>().OfType<EchoSource>());
        var seen = Assert.Single(source.Seen);
        Assert.Equal((run.JobId, run.Id, ExportRunStatus.Success, run.RecordCount), (seen.Job.Id, seen.Final.Id, seen.Final.Status, seen.Final.RecordCount));
        var message = Assert.Single(await harness.Store.ClaimOutboxMessagesAsync("test", harness.Time.GetUtcNow(), harness.Time.GetUtcNow().AddMinutes(1), 10));
        Assert.Equal(($"{run.Id}:success", run.JobId, run.Id), (message.Id, message.JobId, message.RunId));
        Assert.Equal(ExportRunStatus.Success, (await harness.Store.GetRunAsync(run.Id))!.Status);
    }

    [Fact]
    public async Task SourceThatThrows_TheRunIsRecordedWithTheOtherSourcesMessages()
    {
        await using var harness = new EngineHarness(new ListRecordSource(AwkwardRecords.Columns, AwkwardRecords.All), extend: b => b.AddRunOutboxSource<ThrowingSource>().AddRunOutboxSource<EchoSource>());

        var run = await harness.RunAsync(EngineHarness.Job("csv"));

        Assert.Equal(ExportRunStatus.Success, run.Status);
        Assert.Equal(ExportRunStatus.Success, (await harness.Store.GetRunAsync(run.Id))!.Status);
        Assert.Equal(1, harness.Services.GetServices<IExportRunOutboxSource>().OfType<ThrowingSource>().Single().Calls);
        var message = Assert.Single(await harness.Store.ClaimOutboxMessagesAsync("test", harness.Time.GetUtcNow(), harness.Time.GetUtcNow().AddMinutes(1), 10));
        Assert.Equal($"{run.Id}:success", message.Id);
    }

    private sealed class EchoSource : IExportRunOutboxSource
    {
        public List<(ExportJob Job, ExportRun Final)> Seen { get; } = [];

        public ValueTask<IReadOnlyList<ExportOutboxMessage>> CreateMessagesAsync(ExportJob job, ExportRun final, CancellationToken cancellationToken)
        {
            lock (Seen)
            {
                Seen.Add((job, final));
            }

            var status = final.Status == ExportRunStatus.Success ? "success" : "failed";
            return ValueTask.FromResult<IReadOnlyList<ExportOutboxMessage>>(
                [new ExportOutboxMessage { Id = $"{final.Id}:{status}", JobId = job.Id, RunId = final.Id, EventType = status, Payload = "{}", CreatedAt = final.CompletedAt!.Value }]);
        }
    }

    private sealed class ThrowingSource : IExportRunOutboxSource
    {
        public int Calls;

        public ValueTask<IReadOnlyList<ExportOutboxMessage>> CreateMessagesAsync(ExportJob job, ExportRun final, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            throw new InvalidOperationException("The notification settings could not be read.");
        }
    }
}
