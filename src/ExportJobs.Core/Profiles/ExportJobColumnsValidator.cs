using ExportJobs.Extensibility;
using ExportJobs.Model;
using ExportJobs.Validation;

namespace ExportJobs.Profiles;

/// <summary>Checks a job's <c>columns</c> at create and update time, reporting every problem at once.</summary>
/// <remarks>
/// Whether an attribute code exists is not checked here: the source's columns may change after the job is saved, so a
/// code it does not name fails the run (and the preview) with an error naming it.
/// </remarks>
internal static class ExportJobColumnsValidator
{
    /// <summary>The most columns a job may list.</summary>
    public const int MaxColumns = 1000;

    /// <summary>The longest source or header, in characters.</summary>
    public const int MaxNameLength = 1000;

    public static void Validate(IReadOnlyList<ExportJobColumn>? columns, ValidationErrors errors)
    {
        if (columns is null || errors.Has("columns"))
        {
            return;
        }

        if (columns.Count == 0)
        {
            errors.Add("columns", "columns must list at least one column, or be left out (null) to export every column of the record source.");
            return;
        }

        if (columns.Count > MaxColumns)
        {
            errors.Add("columns", $"columns lists {columns.Count} columns; at most {MaxColumns} are allowed.");
        }

        var headers = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            var field = $"columns[{i}]";
            if (column is null)
            {
                if (!errors.Has(field))
                {
                    errors.Add(field, $"{field} must be an object such as {{\"source\": \"name\"}}.");
                }

                continue;
            }

            if (string.IsNullOrWhiteSpace(column.Source))
            {
                if (!errors.Has(field + ".source"))
                {
                    errors.Add(field + ".source", $"{field}.source must name a record field ({string.Join(", ", ExportFormatContext.RecordFields)}) or an attribute code.");
                }

                continue;
            }

            if (column.Source.Length > MaxNameLength)
            {
                errors.Add(field + ".source", $"{field}.source must be at most {MaxNameLength} characters long.");
            }

            if (column.Header is not null && string.IsNullOrWhiteSpace(column.Header))
            {
                errors.Add(field + ".header", $"{field}.header must not be empty; leave it out to use the source ('{column.Source}') as the header.");
                continue;
            }

            if (column.Header?.Length > MaxNameLength)
            {
                errors.Add(field + ".header", $"{field}.header must be at most {MaxNameLength} characters long.");
            }

            var header = column.Header ?? column.Source;
            if (headers.TryGetValue(header, out var first))
            {
                errors.Add(field + ".header", $"The header '{header}' is already used by columns[{first}]; every column needs its own header.");
            }
            else
            {
                headers[header] = i;
            }
        }
    }
}
