using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace ExportJobs.Testing;

/// <summary>
/// Reads an xlsx file with the Open XML SDK (not the library that wrote it) into typed cells: <c>s:</c> text, <c>n:</c>
/// a number (shortest round-trip), <c>b:</c> a boolean, <c>d:</c> a date cell as <c>yyyy-MM-ddTHH:mm:ss.fff</c> (or
/// <c>yyyy-MM-dd</c> when its format shows no time), <see langword="null"/> an empty cell.
/// </summary>
public static class XlsxReader
{
    /// <summary>The sheet's rows (header first) as typed cells, and how the sheet looks.</summary>
    public static XlsxSheet Read(string path)
    {
        using var document = SpreadsheetDocument.Open(path, isEditable: false);
        var workbook = document.WorkbookPart!;
        var sheets = workbook.Workbook.Sheets!.Elements<Sheet>().ToList();
        var part = (WorksheetPart)workbook.GetPartById(sheets.Single().Id!);
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        var stylesheet = workbook.WorkbookStylesPart?.Stylesheet;
        var formats = stylesheet?.CellFormats?.Elements<CellFormat>().ToList() ?? [];
        var fonts = stylesheet?.Fonts?.Elements<Font>().ToList() ?? [];
        var codes = stylesheet?.NumberingFormats?.Elements<NumberingFormat>().ToDictionary(n => n.NumberFormatId!.Value, n => n.FormatCode!.Value!) ?? [];
        var rows = new List<List<string?>>();
        var bold = new List<bool>();
        foreach (var row in part.Worksheet.Descendants<Row>())
        {
            var cells = new List<string?>();
            foreach (var cell in row.Elements<Cell>())
            {
                var index = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : cells.Count;
                while (cells.Count < index)
                {
                    cells.Add(null);
                }

                var format = cell.StyleIndex?.Value is { } style && style < formats.Count ? formats[(int)style] : null;
                cells.Add(Value(cell, format, shared, codes));
                if (rows.Count == 0)
                {
                    bold.Add(format?.FontId?.Value is { } font && font < fonts.Count && fonts[(int)font].Bold is not null);
                }
            }

            rows.Add(cells);
        }

        var pane = part.Worksheet.Descendants<Pane>().FirstOrDefault();
        var frozenRows = pane?.State?.Value == PaneStateValues.Frozen ? (int)(pane.VerticalSplit?.Value ?? 0) : 0;
        return new XlsxSheet(sheets.Count, rows, frozenRows, bold);
    }

    private static string? Value(Cell cell, CellFormat? format, List<string> shared, Dictionary<uint, string> codes)
    {
        var text = cell.CellValue?.Text;
        var type = cell.DataType?.Value;
        if (type == CellValues.InlineString)
        {
            return "s:" + Unescape(cell.InlineString!.InnerText);
        }

        if (text is null)
        {
            return null;
        }

        if (type == CellValues.SharedString)
        {
            return "s:" + Unescape(shared[int.Parse(text, CultureInfo.InvariantCulture)]);
        }

        if (type == CellValues.String)
        {
            return "s:" + Unescape(text);
        }

        if (type == CellValues.Boolean)
        {
            return text == "1" ? "b:true" : "b:false";
        }

        var number = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        var formatId = format?.NumberFormatId?.Value ?? 0;
        var code = codes.TryGetValue(formatId, out var custom) ? custom : null;
        var isDate = formatId is >= 14 and <= 22 || (code is not null && code.Contains('y', StringComparison.OrdinalIgnoreCase) && code.Contains('d', StringComparison.OrdinalIgnoreCase));
        if (!isDate)
        {
            return "n:" + number.ToString("R", CultureInfo.InvariantCulture);
        }

        var date = DateTime.FromOADate(number);
        var hasTime = formatId is 22 || (code?.Contains('h', StringComparison.OrdinalIgnoreCase) ?? false);
        return "d:" + date.ToString(hasTime ? "yyyy-MM-ddTHH:mm:ss.fff" : "yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>Decodes the <c>_xHHHH_</c> escapes of Office Open XML strings (ECMA-376 Part 1, 22.9.2.19 ST_Xstring), as spreadsheets do.</summary>
    private static string Unescape(string text) =>
        System.Text.RegularExpressions.Regex.Replace(text, "_x([0-9A-Fa-f]{4})_", m => ((char)int.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString());

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference)
        {
            if (!char.IsLetter(c))
            {
                break;
            }

            index = (index * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
        }

        return index - 1;
    }
}

/// <summary>What <see cref="XlsxReader"/> read.</summary>
/// <param name="SheetCount">How many sheets the workbook has.</param>
/// <param name="Rows">Every row, header first, as typed cells.</param>
/// <param name="FrozenRows">Rows frozen at the top.</param>
/// <param name="HeaderBold">Per header cell, whether its font is bold.</param>
public sealed record XlsxSheet(int SheetCount, IReadOnlyList<List<string?>> Rows, int FrozenRows, IReadOnlyList<bool> HeaderBold);
