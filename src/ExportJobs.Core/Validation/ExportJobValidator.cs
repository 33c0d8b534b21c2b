using ExportJobs.Extensibility;
using ExportJobs.Model;
using ExportJobs.Registration;
using ExportJobs.Scheduling;

namespace ExportJobs.Validation;

/// <summary>Checks every field of an <see cref="ExportJobDefinition"/>, including the destination's own settings.</summary>
public sealed class ExportJobValidator
{
    private const int MaxNameLength = 200;
    private const int MaxDescriptionLength = 4000;
    private readonly ExportComponentRegistry<IExportDestination> _destinations;
    private readonly ExportComponentRegistry<IExportFormat> _formats;
    private readonly ExportScheduleFactory _schedules;

    /// <summary>Creates the validator.</summary>
    /// <param name="destinations">The registered destinations.</param>
    /// <param name="formats">The registered formats.</param>
    /// <param name="schedules">Parses schedules in the default time zone.</param>
    public ExportJobValidator(ExportComponentRegistry<IExportDestination> destinations, ExportComponentRegistry<IExportFormat> formats, ExportScheduleFactory schedules)
    {
        _destinations = destinations;
        _formats = formats;
        _schedules = schedules;
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
            else if (definition.Name.Length > MaxNameLength)
            {
                errors.Add("name", $"The name must be at most {MaxNameLength} characters long.");
            }
        }

        if (definition.Description?.Length > MaxDescriptionLength)
        {
            errors.Add("description", $"The description must be at most {MaxDescriptionLength} characters long.");
        }

        ValidateDestination(definition, errors);

        if (!errors.Has("format") && _formats.Find(definition.Format) is null)
        {
            errors.Add("format", $"'{definition.Format}' is not a known format. Use one of: {string.Join(", ", _formats.Names)}.");
        }

        ValidateOptionalId(definition.SchemaId, "schemaId", errors);
        ValidateOptionalId(definition.CatalogId, "catalogId", errors);
        foreach (var (dimension, segment) in definition.DimensionScope ?? new Dictionary<string, string>())
        {
            if (string.IsNullOrWhiteSpace(dimension) || string.IsNullOrWhiteSpace(segment))
            {
                errors.Add("dimensionScope", "Every dimension and segment id in the dimension scope must be non-empty, e.g. {\"dim-language\": \"seg-en\"}.");
            }
        }

        if (!errors.Has("schedule") && !errors.Has("timeZone"))
        {
            _schedules.Parse(definition.Schedule, definition.TimeZone, errors);
        }

        if (!errors.Has("filenameTemplate"))
        {
            FilenameTemplate.Validate(definition.FilenameTemplate, "filenameTemplate", errors);
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
            destination.Validate(definition.DestinationConfig, errors.Scope("destinationConfig"));
        }
    }

    private static void ValidateOptionalId(string? value, string field, ValidationErrors errors)
    {
        if (value is not null && string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, $"{field} must be null or a non-empty id.");
        }
    }
}
