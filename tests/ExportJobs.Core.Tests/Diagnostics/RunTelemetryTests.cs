using ExportJobs.Core.Tests.Support;
using ExportJobs.Diagnostics;
using ExportJobs.Extensibility;
using ExportJobs.Model;
using ExportJobs.Testing;

namespace ExportJobs.Core.Tests.Diagnostics;

/// <summary>Metrics and activities read with MeterListener / ActivityListener while the real runner exports.</summary>
public sealed class RunTelemetryTests
{
    [Fact]
    public async Task RealRun_ReportsStartSuccessRecordsBytesDurationAndOneTaggedActivity()
    {
        await using var harness = new EngineHarness(new ListRecordSource(AwkwardRecords.Columns, AwkwardRecords.All));
        using var recorder = Recorders.For(harness.Telemetry);

        var run = await harness.RunAsync(EngineHarness.Job("jsonl", compress: true));

        Assert.Equal(ExportRunStatus.Success, run.Status);
        Assert.Equal(1, recorder.Sum(ExportJobsTelemetryNames.RunsStarted));
        Assert.Equal(1, recorder.Sum(ExportJobsTelemetryNames.RunsSucceeded));
        Assert.Equal(0, recorder.Sum(ExportJobsTelemetryNames.RunsFailed));
        Assert.Equal(run.RecordCount, (long)recorder.Sum(ExportJobsTelemetryNames.RecordsExported));
        Assert.Equal(run.FileSize, (long)recorder.Sum(ExportJobsTelemetryNames.BytesExported));
        var duration = recorder.Only(ExportJobsTelemetryNames.RunDuration);
        Assert.Equal("success", duration.Tags[ExportJobsTelemetryNames.StatusTag]);
        Assert.Equal("jsonl", duration.Tags[ExportJobsTelemetryNames.FormatTag]);

        var activity = Assert.Single(recorder.Activities);
        Assert.Equal(ExportJobsTelemetry.RunActivityName, activity.OperationName);
        Assert.Equal(run.JobId, activity.GetTagItem(ExportJobsTelemetryNames.JobIdTag));
        Assert.Equal(run.Id, activity.GetTagItem(ExportJobsTelemetryNames.RunIdTag));
        Assert.Equal("jsonl", activity.GetTagItem(ExportJobsTelemetryNames.FormatTag));
        Assert.Equal(CapturingDestination.Name, activity.GetTagItem(ExportJobsTelemetryNames.DestinationTypeTag));
        Assert.Equal(System.Diagnostics.ActivityStatusCode.Ok, activity.Status);
    }

    [Fact]
    public async Task RealFailedRun_CountsFailure_AndMarksActivityWithoutSecret()
    {
        await using var harness = new EngineHarness(new ListRecordSource(AwkwardRecords.Columns, AwkwardRecords.All));
        harness.Destination.Failure = new ExportDeliveryException("Login with password hunter2-very-secret was refused by the server.");
        using var recorder = Recorders.For(harness.Telemetry);

        var run = await harness.RunAsync(EngineHarness.Job("csv"));

        Assert.Equal(ExportRunStatus.Failed, run.Status);
        Assert.Equal(1, recorder.Sum(ExportJobsTelemetryNames.RunsFailed));
        Assert.Equal(0, recorder.Sum(ExportJobsTelemetryNames.RunsSucceeded));
        Assert.Equal(0, recorder.Sum(ExportJobsTelemetryNames.RecordsExported));
        var activity = Assert.Single(recorder.Activities);
        Assert.Equal(System.Diagnostics.ActivityStatusCode.Error, activity.Status);
        Assert.Equal(run.Error, activity.StatusDescription);
        Assert.DoesNotContain("hunter2", activity.StatusDescription, StringComparison.Ordinal);
    }
}
