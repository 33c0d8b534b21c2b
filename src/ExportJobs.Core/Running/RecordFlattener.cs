using ExportJobs.Extensibility;
using ExportJobs.Profiles;

namespace ExportJobs.Running;

/// <summary>
/// Turns a source's <see cref="ExportRecord"/> into the <see cref="ExportRow"/> writers get: one value per output field
/// (record fields and attributes, in the profile's order), dimensional values flattened by the job's dimension scope
/// (product.md §2), missing or empty values replaced by the column's default (§9).
/// </summary>
internal sealed class RecordFlattener
{
    private const byte AttributeKind = 0;
    private const byte IdKind = 1;
    private const byte SchemaIdKind = 2;
    private const byte ParentIdKind = 3;
    private const byte CatalogIdsKind = 4;
    private const byte UpdatedAtKind = 5;
    private const byte OpKind = 6;
    private readonly string[] _sources;
    private readonly byte[] _kinds;
    private readonly object?[] _defaults;
    private readonly IReadOnlyDictionary<string, string> _scope;
    private readonly string? _scopeDimension;
    private readonly string? _scopeSegment;
    private readonly ExportRow _row;

    public RecordFlattener(ExportProfile profile, IReadOnlyDictionary<string, string> dimensionScope)
    {
        var fields = profile.Fields;
        _sources = fields.Select(f => f.Source).ToArray();
        _kinds = fields.Select(f => f.IsRecordField ? KindOf(f.Source) : AttributeKind).ToArray();
        _defaults = [.. profile.Defaults];
        _scope = dimensionScope;
        if (dimensionScope.Count == 1)
        {
            (_scopeDimension, _scopeSegment) = dimensionScope.First();
        }

        _row = new ExportRow(_sources.Length);
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

    /// <summary>
    /// Fills the row with a tombstone of <paramref name="deletion"/>: its record fields (<c>updatedAt</c> = when it was
    /// deleted), <c>op</c> = <c>delete</c>, and no attribute values (defaults are not applied: a consumer must not read
    /// a default as the deleted record's value).
    /// </summary>
    /// <param name="deletion">The deleted record.</param>
    public ExportRow FillTombstone(ExportDeletion deletion)
    {
        var row = _row;
        row.Id = deletion.Id ?? throw new InvalidOperationException("A deletion has no id.");
        row.SchemaId = deletion.SchemaId ?? string.Empty;
        row.ParentId = deletion.ParentId;
        row.CatalogIds = deletion.CatalogIds ?? [];
        row.UpdatedAt = deletion.DeletedAt;
        for (var i = 0; i < _sources.Length; i++)
        {
            row.SetValue(i, _kinds[i] switch
            {
                AttributeKind => null,
                IdKind => row.Id,
                SchemaIdKind => deletion.SchemaId,
                ParentIdKind => row.ParentId,
                CatalogIdsKind => row.CatalogIds,
                OpKind => ExportOperations.Delete,
                _ => row.UpdatedAt,
            });
        }

        return row;
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
        for (var i = 0; i < _sources.Length; i++)
        {
            var value = _kinds[i] switch
            {
                AttributeKind => attributes is not null && attributes.TryGetValue(_sources[i], out var found) ? Flatten(found) : null,
                IdKind => row.Id,
                SchemaIdKind => row.SchemaId,
                ParentIdKind => row.ParentId,
                CatalogIdsKind => row.CatalogIds,
                OpKind => ExportOperations.Upsert,
                _ => row.UpdatedAt,
            };
            if (_defaults[i] is { } fallback && value is null or "")
            {
                value = fallback;
            }

            row.SetValue(i, value);
        }

        return row;
    }

    private static byte KindOf(string field) => field switch
    {
        "id" => IdKind,
        "schemaId" => SchemaIdKind,
        "parentId" => ParentIdKind,
        "catalogIds" => CatalogIdsKind,
        "updatedAt" => UpdatedAtKind,
        ExportOperations.Field => OpKind,
        _ => throw new ArgumentException($"'{field}' is not a record field.", nameof(field)),
    };

    private object? Flatten(object? value) => value is not DimensionalValue dimensional
        ? value
        : _scopeDimension is not null ? dimensional.FlattenOne(_scopeDimension, _scopeSegment!) : dimensional.Flatten(_scope);
}
