using System.Text.Json.Nodes;
using ExportJobs.Extensibility;
using ExportJobs.Validation;
using Microsoft.Extensions.Logging;

namespace ExportJobs.Management;

/// <summary>Testing a destination's connection without exporting data.</summary>
public sealed partial class ExportJobManager
{
    private static readonly TimeSpan ConnectionTestTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Checks that a stored job's destination is reachable and writable, without exporting data.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>Each check made; <see cref="ExportResult{T}.NotFound"/> when the job does not exist.</returns>
    public async Task<ExportResult<DestinationTestResult>> TestConnectionAsync(string jobId, CancellationToken cancellationToken = default)
    {
        var job = await _store.GetJobAsync(jobId, cancellationToken).ConfigureAwait(false);
        if (job is null)
        {
            return ExportResult.Missing<DestinationTestResult>();
        }

        return await TestConnectionAsync(job.DestinationType, job.DestinationConfig, jobId: null, errors: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Checks a destination configuration that is not saved (yet): it is validated first, and secrets sent as the mask
    /// are taken from job <paramref name="jobId"/> when given (a form editing that job).
    /// </summary>
    /// <param name="destinationType">The destination type name.</param>
    /// <param name="destinationConfig">Its settings.</param>
    /// <param name="jobId">A stored job whose secrets stand behind masks, or <see langword="null"/>.</param>
    /// <param name="errors">Problems found before (wrong JSON types); reported together with the rest.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    public async Task<ExportResult<DestinationTestResult>> TestConnectionAsync(string destinationType, JsonObject destinationConfig, string? jobId, ValidationErrors? errors = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destinationConfig);
        errors ??= new ValidationErrors();
        var destination = _destinations.Find(destinationType);
        if (destination is null)
        {
            errors.Add("destinationType", $"'{destinationType}' is not a known destination type. Use one of: {string.Join(", ", _destinations.Names)}.");
            return ExportResult.Invalid<DestinationTestResult>(errors);
        }

        var stored = jobId is null ? null : await _store.GetJobAsync(jobId, cancellationToken).ConfigureAwait(false);
        if (jobId is not null && stored is null)
        {
            return ExportResult.Missing<DestinationTestResult>();
        }

        var config = _secrets.Restore(destinationType, destinationConfig, stored, errors);
        _validator.ValidateDestinationConfig(destinationType, destination, config, errors);
        if (!errors.IsValid)
        {
            return ExportResult.Invalid<DestinationTestResult>(errors);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectionTestTimeout);
        DestinationTestResult result;
        try
        {
            result = await destination.TestConnectionAsync(config, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var message = ex is OperationCanceledException ? $"The check did not finish within {ConnectionTestTimeout.TotalSeconds:0} s." : ex.Message;
            result = new DestinationTestResult([DestinationCheck.Failed("connect", message)]);
        }

        var scrubbed = result.Checks.Select(c => c with { Message = _secrets.Scrub(c.Message, destinationType, config) }).ToList();
        LogConnectionTested(destinationType, jobId ?? "(unsaved)", result.Success);
        return ExportResult.Success(new DestinationTestResult(scrubbed));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tested the {DestinationType} destination of job {JobId}: {Success}.")]
    private partial void LogConnectionTested(string destinationType, string jobId, bool success);
}
