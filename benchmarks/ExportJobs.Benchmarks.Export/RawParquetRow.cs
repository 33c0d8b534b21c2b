using System.Globalization;
using ExportJobs.Extensibility;

namespace ExportJobs.Benchmarks.Export;

/// <summary>The row group's columns; one call per row (as the plugin's writer gets), so the row's code is compiled like the writer's.</summary>
internal sealed class RawParquetRow
{
    private readonly TextColumn _id = new(), _schemaId = new(), _parentId = new(), _catalogIds = new(), _sku = new(), _name = new(),
        _description = new(), _currency = new(), _tags = new(), _dimensions = new(), _color = new(), _size = new();
    private readonly ValueColumn<DateTime> _updatedAt = new(), _releaseDate = new();
    private readonly ValueColumn<decimal> _price = new();
    private readonly ValueColumn<long> _stock = new();
    private readonly ValueColumn<bool> _active = new();

    public RawParquetRow() => Columns = [_id, _schemaId, _parentId, _catalogIds, _updatedAt, _sku, _name, _description, _price, _currency, _stock, _active, _releaseDate, _tags, _dimensions, _color, _size];

    public IRawColumn[] Columns { get; }

    /// <summary>Buffers a record and returns about how many bytes it takes (the plugin's estimate).</summary>
    public long Add(ExportRecord r, JsonText json)
    {
        var bytes = _id.Add(r.Id) + _schemaId.Add(r.SchemaId) + _parentId.Add(r.ParentId) + _catalogIds.Add(json.Of(r.CatalogIds))
            + _sku.Add((string?)RawSerializers.Flat(r, "sku")) + _name.Add((string?)RawSerializers.Flat(r, "name"))
            + _description.Add((string?)RawSerializers.Flat(r, "description")) + _currency.Add((string?)RawSerializers.Flat(r, "currency"))
            + _tags.Add(RawSerializers.Flat(r, "tags") is { } t ? json.Of(t) : null)
            + _dimensions.Add(RawSerializers.Flat(r, "dimensions") is { } d ? json.Of(d) : null)
            + _color.Add((string?)RawSerializers.Flat(r, "color"))
            + _size.Add(RawSerializers.Flat(r, "size") switch { null => null, string s => s, var v => ((IFormattable)v).ToString(null, CultureInfo.InvariantCulture) });
        bytes += _updatedAt.Add(r.UpdatedAt.UtcDateTime);
        bytes += _price.Add((decimal?)RawSerializers.Flat(r, "price"));
        bytes += _stock.Add(RawSerializers.Flat(r, "stock") is int n ? n : null);
        bytes += _active.Add((bool?)RawSerializers.Flat(r, "active"));
        bytes += _releaseDate.Add(RawSerializers.Flat(r, "releaseDate") is DateOnly day ? day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) : null);
        return bytes;
    }
}
