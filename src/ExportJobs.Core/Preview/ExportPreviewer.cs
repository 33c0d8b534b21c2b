using System.Text;
using ExportJobs.Cron;
using ExportJobs.Extensibility;
using ExportJobs.Model;
using ExportJobs.Profiles;
using ExportJobs.Registration;
using ExportJobs.Running;
using ExportJobs.Scheduling;
using Microsoft.Extensions.DependencyInjection;

namespace ExportJobs.Preview;

/// <summary>
/// Shows what a job (saved or not) would export: reads the first records from the record source and writes them with
/// the job's format writer into memory (a binary format such as xlsx as CSV, with the same columns and headers).
/// Writes nothing to disk or to any destination and records no run.
/// </summary>
/// <remarks>
/// The one in-memory buffer in the library: it is bounded by the record limit (at most <see cref="MaxLimit"/>).
/// It uses the runner's own scope, flattening, writer and file-name code, so the rows are the ones a run would write.
/// </remarks>
internal sealed class ExportPreviewer
{
    /// <summary>The largest number of records a preview shows.</summary>
    public const int MaxLimit = 1000;

    private const int NextRunCount = 5;
    private readonly ExportRunner _runner;
    private readonly ExportComponentRegistry<IExportFormat> _formats;
    private readonly ExportScheduleFactory _schedules;
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;

    internal ExportPreviewer(ExportRunner runner, ExportComponentRegistry<IExportFormat> formats, ExportScheduleFactory schedules, IServiceScopeFactory scopes, TimeProvider time)
    {
        _runner = runner;
        _formats = formats;
        _schedules = schedules;
        _scopes = scopes;
        _time = time;
    }

    /// <summary>Previews <paramref name="job"/>: its first <paramref name="limit"/> records, file name and next run times.</summary>
    /// <param name="job">A valid job (stored, or validated and given a temporary id).</param>
    /// <param name="limit">How many records, 1 to <see cref="MaxLimit"/>.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>The preview.</returns>
    public async Task<ExportPreview> PreviewAsync(ExportJob job, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxLimit);
        // A binary format (xlsx, Parquet) is previewed as CSV: the same columns, headers and values, readable as text.
        var jobFormat = _formats.Get(job.Format);
        var format = jobFormat.IsText ? jobFormat : _formats.Get(Formats.Csv.CsvExportFormat.Name);
        var schedule = _schedules.ForJob(job);
        var now = _time.GetUtcNow();
        var nextRuns = schedule.GetNextOccurrences(now, NextRunCount);
        var run = new ExportRun { Id = "preview", JobId = job.Id, StartedAt = now, ScheduledAt = nextRuns.Count > 0 ? nextRuns[0] : null, Trigger = ExportRunTrigger.Manual };
        var fileName = _runner.RenderFileName(job, run);

        var scope = await _runner.CreateScopeAsync(job, cancellationToken).ConfigureAwait(false);
        var serviceScope = _scopes.CreateAsyncScope();
        await using (serviceScope.ConfigureAwait(false))
        {
            var source = ExportRunner.GetRecordSource(serviceScope.ServiceProvider);
            var columns = await source.GetColumnsAsync(scope, cancellationToken).ConfigureAwait(false);
            RecordFlattener.Validate(columns);
            var profile = ExportProfile.Resolve(job, columns, withOp: job.Mode == ExportMode.Changes && source.ReportsDeletions);
            var flattener = new RecordFlattener(profile, scope.DimensionScope);
            using var buffer = new MemoryStream();
            var count = 0;
            var writer = format.CreateWriter(buffer, new ExportFormatContext { Job = job, RunId = run.Id, Fields = profile.Fields, SourceColumns = columns });
            await using (writer.ConfigureAwait(false))
            {
                await writer.WriteStartAsync(cancellationToken).ConfigureAwait(false);
                await foreach (var record in source.ReadRecordsAsync(scope, cancellationToken).ConfigureAwait(false))
                {
                    if (record is null || !scope.Includes(record))
                    {
                        continue;
                    }

                    await writer.WriteRecordAsync(flattener.Fill(record), cancellationToken).ConfigureAwait(false);
                    if (++count == limit)
                    {
                        break;
                    }
                }

                await writer.WriteEndAsync(cancellationToken).ConfigureAwait(false);
            }

            var content = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
            return new ExportPreview(content, count, format.ContentType, fileName, job.Compress, schedule.TimeZone.Id, nextRuns);
        }
    }
}
