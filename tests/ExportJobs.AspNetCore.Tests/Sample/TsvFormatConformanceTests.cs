using System.Text;
using ExportJobs.Extensibility;
using ExportJobs.Sample.Formats;
using ExportJobs.Testing.Formats;

namespace ExportJobs.AspNetCore.Tests.Sample;

/// <summary>
/// The format kit against the sample's tsv format. The reader is written here from the format's definition (header
/// line, tab between cells, \t \r \n \\ escaped), not taken from the writer.
/// </summary>
public sealed class TsvFormatConformanceTests : ExportFormatConformanceTests
{
    // An empty cell is both null and empty text.
    protected override bool KeepsNullApartFromEmptyText => false;

    protected override IExportFormat CreateFormat() => new TsvExportFormat();

    protected override async Task<IReadOnlyList<IReadOnlyDictionary<string, string?>>> ReadAsync(Stream output, IReadOnlyList<ExportField> fields)
    {
        using var reader = new StreamReader(output, new UTF8Encoding(false, throwOnInvalidBytes: true), leaveOpen: true);
        var text = await reader.ReadToEndAsync();
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        var lines = text[..^1].Split('\n');
        var header = lines[0].Split('\t').Select(Unescape).ToArray();
        return [.. lines.Skip(1).Select(line =>
        {
            var cells = line.Split('\t');
            Assert.Equal(header.Length, cells.Length);
            return (IReadOnlyDictionary<string, string?>)header.Zip(cells).ToDictionary(p => p.First, p => (string?)Unescape(p.Second), StringComparer.Ordinal);
        })];
    }

    private static string Unescape(string cell)
    {
        var text = new StringBuilder(cell.Length);
        for (var i = 0; i < cell.Length; i++)
        {
            if (cell[i] != '\\')
            {
                text.Append(cell[i]);
                continue;
            }

            Assert.True(i + 1 < cell.Length, $"A lone backslash ends the cell '{cell}'.");
            text.Append(cell[++i] switch
            {
                't' => '\t',
                'r' => '\r',
                'n' => '\n',
                '\\' => '\\',
                var other => throw new FormatException($"Unknown escape \\{other} in '{cell}'."),
            });
        }

        return text.ToString();
    }
}
