using ExportJobs.Diagnostics;
using ExportJobs.Model;
using ExportJobs.Testing;
using Microsoft.Extensions.Time.Testing;

namespace ExportJobs.Core.Tests.Diagnostics;

public sealed class ExportJobsTelemetryTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 30, 2, 0, 0, TimeSpan.Zero));
    private readonly ExportJobsTelemetry _telemetry;
    private readonly TelemetryRecorder _recorder;

    public ExportJobsTelemetryTests()
    {
        _telemetry = new ExportJobsTelemetry(_time);
        _recorder = Recorders.For(_telemetry);
    }

    [Fact]
    public void MeterAndSource_AreNamedForTheLibrary()
    {
        Assert.Equal("ExportJobs", _telemetry.Meter.Name);
        Assert.Equal("ExportJobs", _telemetry.ActivitySource.Name);
    }

    [Fact]
    public void SuccessfulRun_CountsRecordsBytesAndDuration()
    {
        using (var run = _telemetry.StartRun(Job(), Run()))
        {
            _time.Advance(TimeSpan.FromSeconds(42));
            run.Succeeded(records: 1000, bytes: 52_000);
        }

        Assert.Equal(1, _recorder.Sum(ExportJobsTelemetryNames.RunsStarted));
        Assert.Equal(1, _recorder.Sum(ExportJobsTelemetryNames.RunsSucceeded));
        Assert.Equal(0, _recorder.Sum(ExportJobsTelemetryNames.RunsFailed));
        Assert.Equal(1000, _recorder.Sum(ExportJobsTelemetryNames.RecordsExported));
        Assert.Equal(52_000, _recorder.Sum(ExportJobsTelemetryNames.BytesExported));
        var duration = _recorder.Only(ExportJobsTelemetryNames.RunDuration);
        Assert.Equal(42, duration.Value);
        Assert.Equal("success", duration.Tags[ExportJobsTelemetryNames.StatusTag]);
        Assert.Equal("csv", duration.Tags[ExportJobsTelemetryNames.FormatTag]);
    }

    [Fact]
    public void FailedRun_IsCountedOnceAndMarksTheActivityAsError()
    {
        using (var run = _telemetry.StartRun(Job(), Run()))
        {
            run.Failed("The upload was refused.");
            run.Failed("again");
        }

        Assert.Equal(1, _recorder.Sum(ExportJobsTelemetryNames.RunsFailed));
        Assert.Equal(0, _recorder.Sum(ExportJobsTelemetryNames.RecordsExported));
        var activity = Assert.Single(_recorder.Activities);
        Assert.Equal(System.Diagnostics.ActivityStatusCode.Error, activity.Status);
        Assert.Equal("The upload was refused.", activity.StatusDescription);
    }

    [Fact]
    public void RunActivity_IsTaggedWithJobFormatAndDestination()
    {
        using (var run = _telemetry.StartRun(Job(), Run()))
        {
            run.Succeeded(3, 10);
        }

        var activity = Assert.Single(_recorder.Activities);
        Assert.Equal(ExportJobsTelemetry.RunActivityName, activity.OperationName);
        Assert.Equal("job-1", activity.GetTagItem(ExportJobsTelemetryNames.JobIdTag));
        Assert.Equal("csv", activity.GetTagItem(ExportJobsTelemetryNames.FormatTag));
        Assert.Equal("s3", activity.GetTagItem(ExportJobsTelemetryNames.DestinationTypeTag));
        Assert.Equal("run-1", activity.GetTagItem(ExportJobsTelemetryNames.RunIdTag));
        Assert.Equal("manual", activity.GetTagItem(ExportJobsTelemetryNames.TriggerTag));
    }

    [Fact]
    public void RunDisposedWithoutOutcome_CountsAsFailed()
    {
        _telemetry.StartRun(Job(), Run()).Dispose();

        Assert.Equal(1, _recorder.Sum(ExportJobsTelemetryNames.RunsFailed));
    }

    [Fact]
    public void SchedulerLatenessAndSkips_AreRecordedPerJob()
    {
        _telemetry.RecordSchedulerLateness(Job(), TimeSpan.FromSeconds(3.5));
        _telemetry.RecordSchedulerLateness(Job(), TimeSpan.FromSeconds(-1));
        _telemetry.RecordSkippedOccurrence(Job(), "overlap");

        Assert.Equal([0, 3.5], _recorder.Measurements.Where(m => m.Instrument == ExportJobsTelemetryNames.SchedulerLateness).Select(m => m.Value).Order());
        var skipped = _recorder.Only(ExportJobsTelemetryNames.OccurrencesSkipped);
        Assert.Equal("overlap", skipped.Tags[ExportJobsTelemetryNames.ReasonTag]);
        Assert.Equal("job-1", skipped.Tags[ExportJobsTelemetryNames.JobIdTag]);
    }

    public void Dispose()
    {
        _recorder.Dispose();
        _telemetry.Dispose();
    }

    private static ExportJob Job() => new("job-1", new ExportJobDefinition { Name = "Nightly", DestinationType = "s3", Format = "csv", Schedule = "0 2 * * *" });

    private static ExportRun Run() => new() { Id = "run-1", JobId = "job-1", Trigger = ExportRunTrigger.Manual };
}
