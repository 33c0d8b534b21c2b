using System.Xml;

namespace ExportJobs.Formats.Xml;

/// <summary>Makes text writable in XML 1.0, which cannot carry most control characters.</summary>
internal static class XmlText
{
    /// <summary>Returns <paramref name="text"/> with every character XML 1.0 cannot carry replaced by U+FFFD.</summary>
    /// <param name="text">The text.</param>
    /// <remarks>Tab, CR and LF are kept (CR is written as <c>&amp;#xD;</c> so parsers do not normalize it away).</remarks>
    public static string Sanitize(string text)
    {
        var bad = FirstInvalid(text);
        if (bad < 0)
        {
            return text;
        }

        return string.Create(text.Length, text, static (span, source) =>
        {
            source.AsSpan().CopyTo(span);
            for (var i = 0; i < span.Length; i++)
            {
                if (char.IsHighSurrogate(span[i]) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]))
                {
                    i++;
                }
                else if (!XmlConvert.IsXmlChar(span[i]))
                {
                    span[i] = '\uFFFD';
                }
            }
        });
    }

    private static int FirstInvalid(string text)
    {
        // Vectorized skip over the common case (printable BMP text below the surrogates); the loop checks the rest.
        var start = text.AsSpan().IndexOfAnyExceptInRange('\u0020', '\uD7FF');
        if (start < 0)
        {
            return -1;
        }

        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (c >= 0x20 && c < 0xD800)
            {
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (!XmlConvert.IsXmlChar(c))
            {
                return i;
            }
        }

        return -1;
    }
}
