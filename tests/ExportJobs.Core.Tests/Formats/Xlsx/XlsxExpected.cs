using System.Collections;
using System.Globalization;
using System.Text.Json.Nodes;
using ExportJobs.Core.Tests.Support;
using ExportJobs.Extensibility;

namespace ExportJobs.Core.Tests.Formats.Xlsx;

/// <summary>The typed cells (<see cref="ExportJobs.Testing.XlsxReader"/>'s notation) a record must read back as, built from the record itself.</summary>
internal static class XlsxExpected
{
    public static List<string?> Header(IReadOnlyList<ExportColumn> columns) =>
        [.. ExportFormatContext.RecordFields.Concat(columns.Select(c => c.Code)).Select(n => "s:" + n)];

    public static List<string?> Row(ExportRecord record, IReadOnlyList<ExportColumn> columns, IReadOnlyDictionary<string, string>? scope)
    {
        var json = Expected.For(record, columns, scope);
        var cells = new List<string?>
        {
            "s:" + record.Id, "s:" + record.SchemaId, record.ParentId is null ? null : "s:" + record.ParentId,
            "j:" + Expected.Normalize(json["catalogIds"]), Date(record.UpdatedAt),
        };
        foreach (var column in columns)
        {
            var value = record.Attributes.TryGetValue(column.Code, out var v) ? v : null;
            if (value is DimensionalValue d)
            {
                value = scope is null ? d : d.Flatten(scope);
            }

            cells.Add(Cell(value, json[column.Code]));
        }

        return cells;
    }

    /// <summary>Compares cells; a <c>j:</c> cell is text holding that JSON (compared as JSON).</summary>
    public static void AssertSameRows(IReadOnlyList<List<string?>> expected, IReadOnlyList<List<string?>> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var r = 0; r < expected.Count; r++)
        {
            var actualRow = actual[r].Concat(Enumerable.Repeat<string?>(null, Math.Max(0, expected[r].Count - actual[r].Count))).ToList();
            Assert.Equal(expected[r].Count, actualRow.Count);
            for (var c = 0; c < expected[r].Count; c++)
            {
                var e = expected[r][c];
                var a = actualRow[c];
                if (e is not null && e.StartsWith("j:", StringComparison.Ordinal))
                {
                    Assert.True(a is not null && a.StartsWith("s:", StringComparison.Ordinal), $"row {r} cell {c}: expected JSON text, got {a}");
                    Assert.Equal(e[2..], Expected.Normalize(JsonNode.Parse(a[2..])));
                }
                else
                {
                    Assert.True(e == a, $"row {r} cell {c}: expected {e ?? "(empty)"}, got {a ?? "(empty)"}");
                }
            }
        }
    }

    private static string? Cell(object? value, JsonNode? json) => value switch
    {
        null => null,
        string s => "s:" + s,
        bool b => b ? "b:true" : "b:false",
        int or long or decimal or double => "n:" + Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture),
        DateOnly d => "d:" + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset d => Date(d),
        DimensionalValue or IDictionary or IEnumerable => "j:" + Expected.Normalize(json),
        _ => throw new NotSupportedException(value.GetType().Name),
    };

    private static string Date(DateTimeOffset value) => "d:" + value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fff", CultureInfo.InvariantCulture);
}
