using System.Text.Json.Nodes;
using ExportJobs.Cron;
using ExportJobs.Secrets;
using ExportJobs.Extensibility;
using ExportJobs.Model;
using ExportJobs.Profiles;
using ExportJobs.Registration;
using ExportJobs.Validation;
using ExportJobs.Scheduling;
using Microsoft.Extensions.Logging;

namespace ExportJobs.Management;

/// <summary>Checks every field of an <see cref="ExportJobDefinition"/>, including the destination's own settings.</summary>
internal sealed partial class ExportJobValidator
{
    /// <summary>The longest retention by age, in days: 100 years.</summary>
    internal const int MaxRetentionDays = 36_500;

    private readonly ExportComponentRegistry<IExportDestination> _destinations;
    private readonly ExportComponentRegistry<IExportFormat> _formats;
    private readonly ExportScheduleFactory _schedules;
    private readonly ILogger<ExportJobValidator> _logger;
    private readonly JobNotificationRules _notifications;

    /// <summary>Creates the validator.</summary>
    /// <param name="destinations">The registered destinations.</param>
    /// <param name="formats">The registered formats.</param>
    /// <param name="schedules">Parses schedules in the default time zone.</param>
    /// <param name="logger">Logs destination plugins whose validation throws.</param>
    /// <param name="notifications">The rules of job-level notification channels, when the notifications package is registered.</param>
    public ExportJobValidator(ExportComponentRegistry<IExportDestination> destinations, ExportComponentRegistry<IExportFormat> formats, ExportScheduleFactory schedules, ILogger<ExportJobValidator> logger, JobNotificationRules notifications)
    {
        _notifications = notifications;
        _destinations = destinations;
        _formats = formats;
        _schedules = schedules;
        _logger = logger;
    }

    /// <summary>Reports every problem of <paramref name="definition"/>; fields already reported (for example with a wrong JSON type) are not checked again.</summary>
    /// <param name="definition">The job's settings.</param>
    /// <param name="errors">Collects the problems.</param>
    public void Validate(ExportJobDefinition definition, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(errors);

        if (!errors.Has("name"))
        {
            if (string.IsNullOrWhiteSpace(definition.Name))
            {
                errors.Add("name", "The name is required.");
            }
            else if (definition.Name.Length > FieldLimits.Name)
            {
                errors.Add("name", $"The name must be at most {FieldLimits.Name} characters long.");
            }
        }

        if (definition.Description?.Length > FieldLimits.Description)
        {
            errors.Add("description", $"The description must be at most {FieldLimits.Description} characters long.");
        }

        ValidateDestination(definition, errors);

        if (!errors.Has("format"))
        {
            var format = _formats.Find(definition.Format);
            if (format is null)
            {
                errors.Add("format", $"'{definition.Format}' is not a known format. Use one of: {string.Join(", ", _formats.Names)}.");
            }
            else if (definition.Compress && !format.SupportsCompression && !errors.Has("compress"))
            {
                errors.Add("compress", $"The {definition.Format} format is compressed already; set compress to false.");
            }
        }

        ExportJobColumnsValidator.Validate(definition.Columns, errors);

        ValidateOptionalId(definition.SchemaId, "schemaId", errors);
        ValidateOptionalId(definition.CatalogId, "catalogId", errors);
        ValidateDimensionScope(definition.DimensionScope, errors);

        if (!errors.Has("schedule") && !errors.Has("timeZone"))
        {
            _schedules.Parse(definition.Schedule, definition.TimeZone, errors);
        }

        if (!errors.Has("filenameTemplate"))
        {
            FilenameTemplate.Validate(definition.FilenameTemplate, "filenameTemplate", errors);
        }

        ValidateRetention(definition.Retention, errors);
        ValidateSplit(definition, errors);
        ValidateNotifications(definition.Notifications, errors);
    }

    private void ValidateSplit(ExportJobDefinition definition, ValidationErrors errors)
    {
        var hasPart = FilenameTemplate.HasPart(definition.FilenameTemplate);
        if (definition.Split is not { } split)
        {
            if (hasPart && !errors.Has("filenameTemplate"))
            {
                errors.Add("filenameTemplate", "{part} numbers the files of a split job; set split (maxRecords and/or maxBytes) or remove {part}.");
            }

            return;
        }

        if (split.MaxRecords is null && split.MaxBytes is null && !errors.Has("split"))
        {
            errors.Add("split", "split needs maxRecords, maxBytes or both; use null (or leave split out) for one file.");
        }

        if (!errors.Has("split.maxRecords") && split.MaxRecords < 1)
        {
            errors.Add("split.maxRecords", "split.maxRecords must be at least 1, or null for no record limit.");
        }

        if (!errors.Has("split.maxBytes") && split.MaxBytes < ExportSplit.MinBytes)
        {
            errors.Add("split.maxBytes", $"split.maxBytes must be at least {ExportSplit.MinBytes} (1 KiB), or null for no size limit; it counts delivered bytes, after gzip.");
        }

        if (!errors.Has("split.maxBytes") && split.MaxBytes is not null && _formats.Find(definition.Format) is { IsText: false })
        {
            errors.Add("split.maxBytes", $"The {definition.Format} format is binary and cannot be cut by size; split it by split.maxRecords.");
        }

        if (!hasPart && !errors.Has("filenameTemplate"))
        {
            errors.Add("filenameTemplate", "A split job's filename template must contain {part} (or {part:N} for N digits), e.g. 'products-{date}-{part}.csv'.");
        }
    }

    private static void ValidateRetention(ExportRetention? retention, ValidationErrors errors)
    {
        if (retention is null)
        {
            return;
        }

        if (!errors.Has("retention.maxRuns") && retention.MaxRuns < 1)
        {
            errors.Add("retention.maxRuns", "retention.maxRuns must be at least 1, or null for the host's default.");
        }

        if (!errors.Has("retention.maxAgeDays") && retention.MaxAgeDays is < 1 or > MaxRetentionDays)
        {
            errors.Add("retention.maxAgeDays", $"retention.maxAgeDays must be from 1 to {MaxRetentionDays} days, or null for the host's default.");
        }
    }

    private void ValidateDestination(ExportJobDefinition definition, ValidationErrors errors)
    {
        if (errors.Has("destinationType"))
        {
            return;
        }

        var destination = _destinations.Find(definition.DestinationType);
        if (destination is null)
        {
            var known = _destinations.Names.Count == 0 ? "none is registered (call AddStandardDestinations() or AddDestination<T>())" : string.Join(", ", _destinations.Names);
            errors.Add("destinationType", $"'{definition.DestinationType}' is not a known destination type. Use one of: {known}.");
            return;
        }

        if (!errors.Has("destinationConfig"))
        {
            ValidateDestinationConfig(definition.DestinationType, destination, definition.DestinationConfig, errors);
        }
    }

    /// <summary>
    /// Runs a destination's own <see cref="IExportDestination.Validate"/>, reporting under <c>destinationConfig</c>. A
    /// plugin that throws instead of reporting refuses the settings with a 400-style error (the exception's type only)
    /// and is logged with its type name; its message is scrubbed of the settings' secrets.
    /// </summary>
    /// <param name="destinationType">The type name the destination is registered under.</param>
    /// <param name="destination">The destination.</param>
    /// <param name="config">The settings to check.</param>
    /// <param name="errors">Collects the problems (unscoped: they go under <c>destinationConfig</c>).</param>
    public void ValidateDestinationConfig(string destinationType, IExportDestination destination, JsonObject config, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(errors);
        if (!ValidateSettingLengths(config, errors))
        {
            return; // The plugin is not asked about values no destination needs; it might copy them into its messages.
        }

        try
        {
            destination.Validate(config, errors.Scope("destinationConfig"));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            errors.Add("destinationConfig", $"The '{destinationType}' destination could not check these settings (it threw {ex.GetType().Name}), so they are refused. Correct any unusual value (control characters, very long text); the host's log names the failure.");
            var message = DestinationSecrets.Scrub(ex.Message, config, destination.SecretSettings);
            LogValidateThrew(destinationType, destination.GetType().FullName ?? destination.GetType().Name, ex.GetType().FullName ?? ex.GetType().Name, message, ex.StackTrace ?? string.Empty);
        }
    }

    private static void ValidateOptionalId(string? value, string field, ValidationErrors errors)
    {
        if (value is not null && string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, $"{field} must be null or a non-empty id.");
        }
        else if (value?.Length > FieldLimits.Id)
        {
            errors.Add(field, $"{field} must be at most {FieldLimits.Id} characters long.");
        }
    }

    private static void ValidateDimensionScope(IReadOnlyDictionary<string, string>? scope, ValidationErrors errors)
    {
        if (scope is null || errors.Has("dimensionScope"))
        {
            return;
        }

        if (scope.Count > FieldLimits.DimensionScopeEntries)
        {
            errors.Add("dimensionScope", $"The dimension scope may name at most {FieldLimits.DimensionScopeEntries} dimensions.");
        }

        if (scope.Any(e => string.IsNullOrWhiteSpace(e.Key) || string.IsNullOrWhiteSpace(e.Value)))
        {
            errors.Add("dimensionScope", "Every dimension and segment id in the dimension scope must be non-empty, e.g. {\"dim-language\": \"seg-en\"}.");
        }

        if (scope.Any(e => e.Key.Length > FieldLimits.Id || e.Value.Length > FieldLimits.Id))
        {
            errors.Add("dimensionScope", $"Every dimension and segment id in the dimension scope must be at most {FieldLimits.Id} characters long.");
        }
    }

    /// <summary>Reports, under <c>&lt;field&gt;.&lt;setting&gt;</c>, settings holding a string or a property name longer than <see cref="FieldLimits"/> allows.</summary>
    private static bool ValidateSettingLengths(JsonObject config, ValidationErrors errors, string field = "destinationConfig")
    {
        var valid = true;
        var scoped = errors.Scope(field);
        foreach (var (name, value) in config)
        {
            if (name.Length > FieldLimits.SettingName)
            {
                errors.Add(field, $"Setting names must be at most {FieldLimits.SettingName} characters long.");
                valid = false;
            }
            else if (TooLong(value))
            {
                scoped.Add(name, $"'{name}' holds a name or text longer than the limits ({FieldLimits.SettingValue} characters per value, {FieldLimits.SettingName} per name).");
                valid = false;
            }
        }

        return valid;
    }

    private static bool TooLong(JsonNode? node) => node switch
    {
        JsonValue value => value.TryGetValue<string>(out var text) && text.Length > FieldLimits.SettingValue,
        JsonObject obj => obj.Any(p => p.Key.Length > FieldLimits.SettingName || TooLong(p.Value)),
        JsonArray array => array.Any(TooLong),
        _ => false,
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "The destination plugin '{DestinationType}' ({PluginType}) threw {ExceptionType} from Validate instead of reporting errors; the settings were refused. {Message}\n{StackTrace}")]
    private partial void LogValidateThrew(string destinationType, string pluginType, string exceptionType, string message, string stackTrace);
}
