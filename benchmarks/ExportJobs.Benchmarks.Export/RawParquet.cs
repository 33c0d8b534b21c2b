using System.Globalization;
using ExportJobs.Extensibility;
using Parquet;
using Parquet.Schema;

namespace ExportJobs.Benchmarks.Export;

/// <summary>
/// The parquet baseline: Parquet.Net alone (the version the plugin uses), the same schema as the plugin writes for the
/// demo records (texts, decimal(38, 18), int64, boolean, UTC timestamps in microseconds), column values buffered in
/// typed arrays and a row group written at the plugin's default of about 8 MiB of values, converted by hand for the
/// known columns instead of by the plugin's per-type conversions.
/// </summary>
internal static class RawParquet
{
    private const long RowGroupBytes = 8 * 1024 * 1024;

    public static long Run(int count, Func<int, ExportRecord> records) => RunAsync(count, records).GetAwaiter().GetResult();

    private static DateTimeDataField Timestamp(string name) => new(name, DateTimeFormat.DateAndTime, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros, isNullable: true);

    private static async Task<long> RunAsync(int count, Func<int, ExportRecord> records)
    {
        DataField[] fields =
        [
            new DataField<string>("id", true), new DataField<string>("schemaId", true), new DataField<string>("parentId", true),
            new DataField<string>("catalogIds", true), Timestamp("updatedAt"),
            new DataField<string>("sku", true), new DataField<string>("name", true), new DataField<string>("description", true),
            new DecimalDataField("price", 38, 18, forceByteArrayEncoding: false, isNullable: true), new DataField<string>("currency", true),
            new DataField<long?>("stock"), new DataField<bool?>("active"), Timestamp("releaseDate"), new DataField<string>("tags", true),
            new DataField<string>("dimensions", true), new DataField<string>("color", true), new DataField<string>("size", true),
        ];
        var row = new RawParquetRow();
        using var json = new JsonText();
        await using var output = new CountingStream();
        var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), output);
        long bytes = 0;
        for (var i = 0; i < count; i++)
        {
            bytes += row.Add(records(i), json);
            if (bytes >= RowGroupBytes)
            {
                await FlushAsync(writer, fields, row.Columns);
                bytes = 0;
            }
        }

        if (row.Columns[0].Count > 0)
        {
            await FlushAsync(writer, fields, row.Columns);
        }

        await writer.DisposeAsync(); // writes the footer, so the count below is the whole file
        return output.Length;
    }

    private static async Task FlushAsync(ParquetWriter writer, DataField[] fields, IRawColumn[] columns)
    {
        using var group = writer.CreateRowGroup();
        for (var c = 0; c < columns.Length; c++)
        {
            await columns[c].WriteAsync(group, fields[c]);
        }
    }
}
