using ExportJobs.Core.Tests.Support;
using ExportJobs.Extensibility;
using ExportJobs.Model;
using ExportJobs.Running;
using Microsoft.Extensions.DependencyInjection;

namespace ExportJobs.Core.Tests.Running;

public sealed class ExportRunFailureTests
{
    [Fact]
    public async Task SourceThrowingMidway_FailsRunWithSourceError_AndLeavesNoFile()
    {
        var source = new ListRecordSource(AwkwardRecords.Columns, AwkwardRecords.All) { ThrowAfter = 2 };
        await using var harness = new EngineHarness(source);

        var run = await harness.RunAsync(EngineHarness.Job("csv", compress: true));

        Assert.Equal(ExportRunStatus.Failed, run.Status);
        Assert.Contains("reading records from the record source (ListRecordSource) after 2 records", run.Error, StringComparison.Ordinal);
        Assert.Contains("The PIM database connection was lost.", run.Error, StringComparison.Ordinal);
        Assert.NotNull(run.CompletedAt);
        Assert.Null(run.RecordCount);
        Assert.Empty(harness.Destination.Deliveries);
        Assert.Empty(harness.FilesLeft());
        Assert.Empty(harness.Delivered());
        Assert.Equal(run, await harness.Store.GetRunAsync(run.Id));
    }

    [Fact]
    public async Task DestinationThrowing_FailsRunWithDeliveryError_WithoutSecret()
    {
        await using var harness = new EngineHarness(new ListRecordSource(AwkwardRecords.Columns, AwkwardRecords.All));
        harness.Destination.Failure = new ExportDeliveryException("Login with password hunter2-very-secret was refused by the server.");

        var run = await harness.RunAsync(EngineHarness.Job("json"));

        Assert.Equal(ExportRunStatus.Failed, run.Status);
        Assert.StartsWith("Failed while delivering '", run.Error, StringComparison.Ordinal);
        Assert.Contains("to the capture destination: Login with password ******** was refused", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", run.Error, StringComparison.Ordinal);
        Assert.Single(harness.Destination.Deliveries);
        Assert.Empty(harness.FilesLeft());
        Assert.Empty(harness.Delivered());
    }

    [Fact]
    public async Task UnexpectedDestinationException_NamesItsType()
    {
        await using var harness = new EngineHarness(new ListRecordSource(AwkwardRecords.Columns, AwkwardRecords.All));
        harness.Destination.Failure = new IOException("Disk quota exceeded");

        var run = await harness.RunAsync(EngineHarness.Job("xml", compress: true));

        Assert.Equal(ExportRunStatus.Failed, run.Status);
        Assert.Contains("delivering", run.Error, StringComparison.Ordinal);
        Assert.Contains("IOException: Disk quota exceeded", run.Error, StringComparison.Ordinal);
        Assert.Empty(harness.FilesLeft());
    }

    [Fact]
    public async Task CancelledRun_IsFailedWithTheReason_AndLeavesNoFile()
    {
        var source = new ListRecordSource(AwkwardRecords.Columns, AwkwardRecords.All) { HangAfter = 1 };
        await using var harness = new EngineHarness(source);
        var job = await harness.CreateAsync(EngineHarness.Job("jsonl", compress: true));
        var handle = await harness.StartAsync(job);
        await source.Hanging.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(harness.Dispatcher.Cancel(job.Id, "The job was deleted."));
        var run = await handle.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(ExportRunStatus.Failed, run.Status);
        Assert.Equal("Cancelled while reading records from the record source (ListRecordSource) after 1 records: The job was deleted.", run.Error);
        Assert.False(harness.Dispatcher.IsRunning(job.Id));
        Assert.Empty(harness.FilesLeft());
        Assert.Empty(harness.Destination.Deliveries);
    }

    [Fact]
    public async Task HostStopping_CancelsRunningExports_AndRecordsThemFailed()
    {
        var source = new ListRecordSource(AwkwardRecords.Columns, AwkwardRecords.All) { HangAfter = 2 };
        await using var harness = new EngineHarness(source);
        var job = await harness.CreateAsync(EngineHarness.Job("csv"));
        var handle = await harness.StartAsync(job);
        await source.Hanging.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await harness.ConcreteDispatcher.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        var stored = await harness.Store.GetRunAsync(handle.Run.Id);
        Assert.Equal(ExportRunStatus.Failed, stored!.Status);
        Assert.StartsWith("Cancelled while reading records", stored.Error, StringComparison.Ordinal);
        Assert.EndsWith(ExportRunErrors.ShuttingDown, stored.Error, StringComparison.Ordinal);
        Assert.Empty(harness.FilesLeft());
        Assert.Null(await harness.Dispatcher.TryStartAsync(job, new ExportRunRequest(ExportRunTrigger.Manual)));
    }

    [Fact]
    public async Task ColumnNamedLikeRecordField_FailsRunWithClearError()
    {
        await using var harness = new EngineHarness(new ListRecordSource([new ExportColumn("sku"), new ExportColumn("id")], AwkwardRecords.All));

        var run = await harness.RunAsync(EngineHarness.Job("csv"));

        Assert.Equal(ExportRunStatus.Failed, run.Status);
        Assert.Contains("The column 'id' has the name of a record field", run.Error, StringComparison.Ordinal);
        Assert.Empty(harness.FilesLeft());
    }

    [Fact]
    public async Task WriterThrowing_FailsRunWithWriterError_AndLeavesNoFile()
    {
        await using var harness = new EngineHarness(new ListRecordSource(AwkwardRecords.Columns, AwkwardRecords.All), extend: b => b.AddFormat<FailingFormat>(FailingFormat.Name));

        var run = await harness.RunAsync(EngineHarness.Job(FailingFormat.Name, compress: true));

        Assert.Equal(ExportRunStatus.Failed, run.Status);
        Assert.Equal("Failed while writing the failing file (gzip) after 1 records: FormatException: Value of 'price' cannot be written.", run.Error);
        Assert.Empty(harness.FilesLeft());
        Assert.Empty(harness.Destination.Deliveries);
    }

    [Fact]
    public async Task DeletingTheJob_CancelsItsRun()
    {
        var source = new ListRecordSource(AwkwardRecords.Columns, AwkwardRecords.All) { HangAfter = 1 };
        await using var harness = new EngineHarness(source);
        var job = await harness.CreateAsync(EngineHarness.Job("xml"));
        var handle = await harness.StartAsync(job);
        await source.Hanging.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(await harness.Manager.DeleteAsync(job.Id));
        var run = await handle.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(ExportRunStatus.Failed, run.Status);
        Assert.EndsWith("The export job was deleted while the run was in progress.", run.Error, StringComparison.Ordinal);
        Assert.Empty(harness.FilesLeft());
    }

    [Fact]
    public async Task RunThatCannotBeRecorded_StartsBesideTheWrite_ButIsNeverDelivered_AndLeavesNoFile()
    {
        var source = new ListRecordSource(AwkwardRecords.Columns, AwkwardRecords.All);
        var folder = Directory.CreateTempSubdirectory("exportjobs-unrecordable-").FullName;
        using var inner = new ExportJobs.Storage.LiteDb.LiteDbExportJobStore($"Filename={Path.Combine(folder, "jobs.db")}");
        var store = new UnrecordableRunsStore(inner);
        await using var harness = new EngineHarness(source, extend: b => b.UseStore(_ => store));
        var job = await harness.CreateAsync(EngineHarness.Job("csv"));

        var start = harness.Dispatcher.TryStartAsync(job, new ExportRunRequest(ExportRunTrigger.Manual));
        await store.InsertStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        for (var i = 0; i < 500 && source.Scopes.Count == 0; i++)
        {
            await Task.Delay(10);
        }

        Assert.Single(source.Scopes);
        store.ReleaseInsert.SetResult();
        var error = await Assert.ThrowsAsync<IOException>(() => start.WaitAsync(TimeSpan.FromSeconds(10)));
        for (var i = 0; i < 500 && harness.Dispatcher.IsRunning(job.Id); i++)
        {
            await Task.Delay(10);
        }

        Assert.Contains("No space left on device", error.Message, StringComparison.Ordinal);
        Assert.False(harness.Dispatcher.IsRunning(job.Id));
        Assert.Empty(harness.Destination.Deliveries);
        Assert.Empty(harness.Delivered());
        Assert.Empty(harness.FilesLeft());
        Assert.Empty(await inner.ListRunsAsync(job.Id, 10));
        Directory.Delete(folder, recursive: true);
    }
}
