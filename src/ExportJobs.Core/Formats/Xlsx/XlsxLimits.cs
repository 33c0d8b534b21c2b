namespace ExportJobs.Formats.Xlsx;

/// <summary>Excel's own limits (Excel specifications and limits), enforced so that no file Excel refuses is written.</summary>
internal static class XlsxLimits
{
    /// <summary>Rows per sheet, the header row included.</summary>
    public const int MaxRows = 1_048_576;

    /// <summary>Columns per sheet.</summary>
    public const int MaxColumns = 16_384;

    /// <summary>Characters in one cell.</summary>
    public const int MaxCellCharacters = 32_767;

    /// <summary>Integers beyond this magnitude lose digits as Excel numbers (15 significant digits); they are written as text.</summary>
    public const long MaxExactInteger = 999_999_999_999_999;

    /// <summary>The first day an Excel date can hold (the 1900 date system); earlier instants are written as ISO 8601 text.</summary>
    public static readonly DateTime MinDate = new(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc);
}
