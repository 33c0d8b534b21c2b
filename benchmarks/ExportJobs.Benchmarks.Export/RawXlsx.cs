using ExportJobs.Extensibility;
using ExportJobs.Sample.Pim;
using SpreadCheetah;
using SpreadCheetah.Styling;
using SpreadCheetah.Worksheets;

namespace ExportJobs.Benchmarks.Export;

/// <summary>
/// The xlsx baseline: SpreadCheetah alone (the version Core uses), the same sheet as the library's xlsx format (bold
/// frozen header, typed cells, dates in UTC, arrays and objects as JSON text), without the library's checks and escapes.
/// </summary>
internal static class RawXlsx
{
    public static long Run(int count, Func<int, ExportRecord> records) => RunAsync(count, records).GetAwaiter().GetResult();

    private static async Task<long> RunAsync(int count, Func<int, ExportRecord> records)
    {
        var columns = DemoCatalog.Columns;
        using var json = new JsonText();
        await using var output = new CountingStream();
        await using var sheet = await Spreadsheet.CreateNewAsync(output, new SpreadCheetahOptions { PreserveStringWhitespace = true, BufferSize = 64 * 1024 });
        await sheet.StartWorksheetAsync("Export", new WorksheetOptions { FrozenRows = 1 });
        var bold = sheet.AddStyle(new Style { Font = { Bold = true } });
        var date = sheet.AddStyle(new Style { Format = NumberFormat.Custom("yyyy-mm-dd") });
        var names = RawSerializers.Fields.Concat(columns.Select(c => c.Code)).ToArray();
        var cells = new Cell[names.Length];
        for (var c = 0; c < names.Length; c++)
        {
            cells[c] = new Cell(names[c], bold);
        }

        await sheet.AddRowAsync(cells);
        for (var i = 0; i < count; i++)
        {
            Fill(cells, records(i), json, date);
            await sheet.AddRowAsync(cells);
        }

        await sheet.FinishAsync();
        return output.Length;
    }

    // One call per row (as the library's writer gets), so the row's code is compiled like the writer's, not only as
    // the on-stack replacement of a loop that runs once.
    private static void Fill(Cell[] cells, ExportRecord r, JsonText json, StyleId date)
    {
        var columns = DemoCatalog.Columns;
        cells[0] = new Cell(r.Id);
        cells[1] = new Cell(r.SchemaId);
        cells[2] = r.ParentId is null ? default : new Cell(r.ParentId);
        cells[3] = new Cell(json.Of(r.CatalogIds));
        cells[4] = new Cell(r.UpdatedAt.UtcDateTime);
        for (var c = 0; c < columns.Count; c++)
        {
            cells[5 + c] = RawSerializers.Flat(r, columns[c].Code) switch
            {
                null => default,
                string s => new Cell(s),
                decimal m => new Cell(m),
                int n => new Cell(n),
                double d => new Cell(d),
                bool b => new Cell(b),
                DateOnly d => new Cell(d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), date),
                var other => new Cell(json.Of(other)),
            };
        }
    }
}
