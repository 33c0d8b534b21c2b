using System.Globalization;
using System.Text;

namespace ExportJobs.Formats.Xlsx;

/// <summary>
/// Makes text survive a cell: the <c>_xHHHH_</c> escapes of Office Open XML strings (ECMA-376 ST_Xstring) carry what
/// XML cannot (CR, which XML parsers turn into LF, and the control characters XML 1.0 forbids), and a literal
/// <c>_xHHHH_</c> in the text is escaped as <c>_x005F_xHHHH_</c> so spreadsheets do not decode it.
/// </summary>
internal static class XlsxText
{
    public static string Escape(string text)
    {
        if (!NeedsEscaping(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '_' && IsEscapeAt(text, i))
            {
                builder.Append("_x005F_");
            }
            else if (c == '\r' || (c < 0x20 && c != '\t' && c != '\n') || c is '\uFFFE' or '\uFFFF')
            {
                builder.Append("_x").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)).Append('_');
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                builder.Append('\uFFFD');
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool NeedsEscaping(string text)
    {
        // The common case, printable BMP text without '_' below the surrogates, is one vectorized scan.
        var start = text.AsSpan().IndexOfAnyExceptInRange('\u0020', '\uD7FF');
        var underscore = text.IndexOf('_', StringComparison.Ordinal);
        if (start < 0 && underscore < 0)
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if ((c == '_' && IsEscapeAt(text, i)) || c == '\r' || (c < 0x20 && c != '\t' && c != '\n') || c is '\uFFFE' or '\uFFFF')
            {
                return true;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsEscapeAt(string text, int i) =>
        i + 6 < text.Length && text[i + 1] == 'x' && char.IsAsciiHexDigit(text[i + 2]) && char.IsAsciiHexDigit(text[i + 3])
        && char.IsAsciiHexDigit(text[i + 4]) && char.IsAsciiHexDigit(text[i + 5]) && text[i + 6] == '_';
}
