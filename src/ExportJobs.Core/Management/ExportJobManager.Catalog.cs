using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ExportJobs.Extensibility;
using ExportJobs.Registration;
using ExportJobs.Validation;
using Microsoft.Extensions.Logging;

namespace ExportJobs.Management;

/// <summary>What this host offers a job editor: its destination types with their settings schemas, its formats, and the run times of an unsaved schedule.</summary>
public sealed partial class ExportJobManager
{
    /// <summary>The destination types whose schema was found outside the subset and logged (once each).</summary>
    private readonly ConcurrentDictionary<string, bool> _refusedSchemas = new(StringComparer.Ordinal);

    /// <summary>Lists the registered destination types, sorted by name, each with its settings schema (or none), secret and endpoint settings.</summary>
    /// <remarks>
    /// A schema outside the subset documented on <see cref="IExportDestination.SettingsSchema"/> is left out (the type is
    /// listed without one, so an editor falls back to JSON) and logged once as a warning naming every problem.
    /// </remarks>
    public IReadOnlyList<ExportDestinationTypeInfo> ListDestinationTypes() =>
        _destinations.Names.Select(name =>
        {
            var destination = _destinations.Get(name);
            var secrets = destination.SecretSettings;
            return new ExportDestinationTypeInfo(name, ServedSchema(name, destination, secrets), secrets, destination.EndpointSettings);
        }).ToList();

    /// <summary>Lists the registered output formats, sorted by name, with their content type and whether <c>compress</c> may be used.</summary>
    public IReadOnlyList<ExportFormatInfo> ListFormats() =>
        _formats.Names.Select(name =>
        {
            var format = _formats.Get(name);
            return new ExportFormatInfo(name, format.ContentType, format.SupportsCompression, format.IsText);
        }).ToList();

    /// <summary>
    /// The next five run times of a schedule that is not saved (a job being edited), in <paramref name="timeZone"/> or the
    /// library's default zone, checked exactly as a job's <c>schedule</c> and <c>timeZone</c> are.
    /// </summary>
    /// <param name="schedule">A 5-field cron expression or macro.</param>
    /// <param name="timeZone">An IANA time zone id, or <see langword="null"/> for the default zone.</param>
    /// <param name="errors">Problems found before (for example a wrong JSON type); reported together with the rest.</param>
    /// <returns>The schedule (<see cref="ExportJobSchedule.Active"/> is <see langword="true"/>), or every problem under <c>schedule</c> and <c>timeZone</c>.</returns>
    public ExportResult<ExportJobSchedule> PreviewSchedule(string? schedule, string? timeZone, ValidationErrors? errors = null)
    {
        errors ??= new ValidationErrors();
        var parsed = errors.Has("schedule") || errors.Has("timeZone") ? null : _schedules.Parse(schedule, timeZone, errors);
        if (parsed is null || !errors.IsValid)
        {
            return ExportResult.Invalid<ExportJobSchedule>(errors);
        }

        return ExportResult.Success(new ExportJobSchedule(schedule!, parsed.TimeZone.Id, Active: true, parsed.GetNextOccurrences(_time.GetUtcNow(), ScheduleRunCount)));
    }

    private JsonObject? ServedSchema(string name, IExportDestination destination, IReadOnlyCollection<string> secrets)
    {
        JsonObject? schema;
        try
        {
            schema = destination.SettingsSchema;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            if (_refusedSchemas.TryAdd(name, true))
            {
                LogSchemaRefused(name, destination.GetType().FullName, $"SettingsSchema threw {ex.GetType().Name}.");
            }

            return null;
        }

        if (schema is null)
        {
            return null;
        }

        var problems = SettingsSchemaSubset.Problems(schema);
        if (problems.Count == 0)
        {
            return SettingsSchemaSubset.Served(schema, secrets);
        }

        if (_refusedSchemas.TryAdd(name, true))
        {
            LogSchemaRefused(name, destination.GetType().FullName, string.Join(" ", problems));
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The settings schema of the {DestinationType} destination ({DestinationClass}) is not served, so the dashboard edits its settings as JSON: {Problems}")]
    private partial void LogSchemaRefused(string destinationType, string? destinationClass, string problems);
}
