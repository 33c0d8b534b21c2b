using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExportJobs.Extensibility;
using ExportJobs.Model;

namespace ExportJobs.Profiles;

/// <summary>
/// A job's output columns resolved against the record source's columns of one run: the <see cref="ExportField"/>s the
/// writer gets and the default value of each (product.md §9).
/// </summary>
internal sealed class ExportProfile
{
    private ExportProfile(IReadOnlyList<ExportField> fields, object?[] defaults)
    {
        Fields = fields;
        Defaults = defaults;
    }

    /// <summary>The output columns in order.</summary>
    public IReadOnlyList<ExportField> Fields { get; }

    /// <summary>Per field, the value that replaces a missing or empty one (<see langword="null"/>: none).</summary>
    public IReadOnlyList<object?> Defaults { get; }

    /// <summary>Resolves <paramref name="job"/>'s columns and headers against the source's <paramref name="columns"/>.</summary>
    /// <param name="job">The job.</param>
    /// <param name="columns">The record source's columns for this run (already checked by <see cref="Running.RecordFlattener.Validate"/>).</param>
    /// <exception cref="ExportProfileException">
    /// A job column names an attribute the source does not know, or two output columns end up with the same name.
    /// </exception>
    /// <param name="withOp">
    /// Whether the run writes the <c>op</c> column even where the job's columns do not name it (a <c>changes</c> run of
    /// a source that reports deletions): after the record fields without columns, else last.
    /// </param>
    public static ExportProfile Resolve(ExportJob job, IReadOnlyList<ExportColumn> columns, bool withOp = false)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(columns);
        var scope = job.DimensionScope ?? new Dictionary<string, string>();
        var labels = job.Headers == ExportHeaders.Labels;
        var fields = new List<ExportField>();
        var defaults = new List<object?>();
        if (job.Columns is null)
        {
            foreach (var field in ExportFormatContext.RecordFields)
            {
                fields.Add(RecordField(field, field));
                defaults.Add(null);
            }

            if (withOp)
            {
                fields.Add(RecordField(ExportOperations.Field, ExportOperations.Field));
                defaults.Add(null);
            }

            foreach (var column in columns)
            {
                fields.Add(Attribute(column, labels ? column.Labels?.For(scope) ?? column.Code : column.Code));
                defaults.Add(null);
            }
        }
        else
        {
            var byCode = new Dictionary<string, ExportColumn>(columns.Count, StringComparer.Ordinal);
            foreach (var column in columns)
            {
                byCode.TryAdd(column.Code, column);
            }

            var unknown = new List<string>();
            for (var i = 0; i < job.Columns.Count; i++)
            {
                var wanted = job.Columns[i];
                if (ExportFormatContext.RecordFields.Contains(wanted.Source) || wanted.Source == ExportOperations.Field)
                {
                    fields.Add(RecordField(wanted.Source, wanted.Header ?? wanted.Source));
                }
                else if (byCode.TryGetValue(wanted.Source, out var column))
                {
                    fields.Add(Attribute(column, wanted.Header ?? (labels ? column.Labels?.For(scope) : null) ?? column.Code));
                }
                else
                {
                    unknown.Add($"'{wanted.Source}' (columns[{i}])");
                    continue;
                }

                defaults.Add(ToValue(wanted.Default));
            }

            if (withOp && !job.Columns.Any(c => c.Source == ExportOperations.Field))
            {
                fields.Add(RecordField(ExportOperations.Field, ExportOperations.Field));
                defaults.Add(null);
            }

            if (unknown.Count > 0)
            {
                throw new ExportProfileException(
                    $"The job's columns name {(unknown.Count == 1 ? "an attribute" : "attributes")} the record source does not know for this job's scope: "
                    + $"{string.Join(", ", unknown)}. Remove {(unknown.Count == 1 ? "it" : "them")} from the job's columns, or check the source's attribute codes.");
            }
        }

        CheckUniqueNames(fields);
        return new ExportProfile(fields, [.. defaults]);
    }

    private static void CheckUniqueNames(List<ExportField> fields)
    {
        var seen = new Dictionary<string, ExportField>(fields.Count, StringComparer.Ordinal);
        var clashes = new List<string>();
        foreach (var field in fields)
        {
            if (!seen.TryAdd(field.Name, field))
            {
                clashes.Add($"'{field.Name}' (from '{seen[field.Name].Source}' and '{field.Source}')");
            }
        }

        if (clashes.Count > 0)
        {
            throw new ExportProfileException(
                $"Two output columns would have the same name: {string.Join(", ", clashes)}. Give one of them its own header in the job's columns, or use \"headers\": \"codes\".");
        }
    }

    private static ExportField RecordField(string field, string name) => new()
    {
        Name = name,
        Source = field,
        IsRecordField = true,
        ValueType = field switch
        {
            "updatedAt" => ExportValueType.DateTime,
            "catalogIds" => null,
            _ => ExportValueType.String,
        },
    };

    private static ExportField Attribute(ExportColumn column, string name) =>
        new() { Name = name, Source = column.Code, Column = column, ValueType = column.ValueType };

    /// <summary>A JSON default as the value writers get: text, a boolean, or a number (<see cref="long"/>, else <see cref="decimal"/>, else <see cref="double"/>).</summary>
    internal static object? ToValue(JsonValue? value)
    {
        if (value is null)
        {
            return null;
        }

        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                return value.GetValue<string>();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.Number:
                var text = value.ToJsonString();
                if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
                {
                    return integer;
                }

                if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    return number;
                }

                return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            default:
                return null;
        }
    }
}
