using ExportJobs.Extensibility;

namespace ExportJobs.Running;

/// <summary>
/// Turns a source's <see cref="ExportRecord"/> into the <see cref="ExportRow"/> writers get: record fields, then one value
/// per column with dimensional values flattened by the job's dimension scope (product.md §2).
/// </summary>
internal sealed class RecordFlattener
{
    private readonly string[] _codes;
    private readonly IReadOnlyDictionary<string, string> _scope;
    private readonly ExportRow _row;

    public RecordFlattener(IReadOnlyList<ExportColumn> columns, IReadOnlyDictionary<string, string> dimensionScope)
    {
        _codes = columns.Select(c => c.Code).ToArray();
        _scope = dimensionScope;
        _row = new ExportRow(_codes.Length);
    }

    /// <summary>Checks the source's columns: codes must be non-empty, unique, and not a record field's name.</summary>
    /// <param name="columns">The columns.</param>
    /// <exception cref="InvalidOperationException">A column is invalid.</exception>
    public static void Validate(IReadOnlyList<ExportColumn>? columns)
    {
        if (columns is null)
        {
            throw new InvalidOperationException("GetColumnsAsync returned null; return an empty list when there are no attribute columns.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            if (column is null || string.IsNullOrEmpty(column.Code))
            {
                throw new InvalidOperationException("A column has no code; every column needs a non-empty attribute code.");
            }

            if (ExportFormatContext.RecordFields.Contains(column.Code))
            {
                throw new InvalidOperationException($"The column '{column.Code}' has the name of a record field; rename the attribute column (record fields: {string.Join(", ", ExportFormatContext.RecordFields)}).");
            }

            if (!seen.Add(column.Code))
            {
                throw new InvalidOperationException($"The column '{column.Code}' is named twice; column codes must be unique.");
            }
        }
    }

    /// <summary>Fills the row, one instance reused for every record, from <paramref name="record"/>.</summary>
    /// <param name="record">The source's record.</param>
    public ExportRow Fill(ExportRecord record)
    {
        var row = _row;
        row.Id = record.Id ?? throw new InvalidOperationException("A record has no id.");
        row.SchemaId = record.SchemaId ?? throw new InvalidOperationException($"The record '{record.Id}' has no schemaId.");
        row.ParentId = record.ParentId;
        row.CatalogIds = record.CatalogIds ?? [];
        row.UpdatedAt = record.UpdatedAt;
        var attributes = record.Attributes;
        for (var i = 0; i < _codes.Length; i++)
        {
            row.SetValue(i, attributes is not null && attributes.TryGetValue(_codes[i], out var value) ? Flatten(value) : null);
        }

        return row;
    }

    private object? Flatten(object? value) => value is DimensionalValue dimensional ? dimensional.Flatten(_scope) : value;
}
