using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;
using System.Xml;

namespace ExportJobs.Formats.Xml;

/// <summary>
/// The UTF-8 bytes of the xml format, written straight into the output's buffers when it is also an
/// <see cref="IBufferWriter{T}"/> over arrays (the spool stream's chunks), else into a buffer of its own handed on past
/// <see cref="FlushThreshold"/>: the same bytes <see cref="XmlWriter"/> writes with
/// <see cref="XmlExportFormat"/>'s settings, without its buffer and the copy of it.
/// </summary>
/// <remarks>
/// Text is escaped as <see cref="XmlWriter.WriteString"/> escapes element content with
/// <see cref="NewLineHandling.Entitize"/>: <c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c> and <c>&amp;#xD;</c> for CR; tab, LF and
/// quotes as they are; everything else as UTF-8. That holds for text of valid XML characters only (what
/// <see cref="XmlText.Sanitize"/> leaves); text with any other character goes through a scratch <see cref="XmlWriter"/>,
/// so it gets that writer's bytes or its exception. Element names are checked once each by a scratch
/// <see cref="XmlWriter"/> too (it throws for a name it would not write).
/// </remarks>
internal sealed class XmlUtf8Output
{
    internal const int FlushThreshold = 32 * 1024;
    private const int MinRequest = 512;
    private const int MaxTextPiece = 4096; // chars encoded per request: at most 3 bytes each
    private const string XsiNamespace = "http://www.w3.org/2001/XMLSchema-instance";
    private static readonly SearchValues<char> Escaped = SearchValues.Create("&<>\r");
    private IBufferWriter<byte> _target;
    private ArrayBufferWriter<byte>? _own;
    private readonly Stream _output;
    private byte[] _buffer = [];
    private int _start;
    private int _position;
    private int _limit;

    public XmlUtf8Output(Stream output)
    {
        _output = output;
        if (output is IBufferWriter<byte> direct)
        {
            _target = direct;
        }
        else
        {
            _own = new ArrayBufferWriter<byte>(FlushThreshold * 2);
            _target = _own;
        }
    }

    /// <summary>Whether a buffer of the writer's own holds more than <see cref="FlushThreshold"/> bytes to hand on.</summary>
    public bool ShouldFlush => _own is not null && _own.WrittenCount > FlushThreshold;

    /// <summary>Commits what was written to the target (the spool stream's chunk, or the own buffer).</summary>
    public void Commit()
    {
        if (_position > _start)
        {
            _target.Advance(_position - _start);
        }

        _buffer = [];
        _start = _position = _limit = 0;
    }

    /// <summary>Commits and hands the own buffer (if any) on to the stream.</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        Commit();
        if (_own is not null && _own.WrittenCount > 0)
        {
            await _output.WriteAsync(_own.WrittenMemory, cancellationToken).ConfigureAwait(false);
            _own.ResetWrittenCount();
        }
    }

    /// <summary>Commits and hands the own buffer (if any) on to the stream, synchronously.</summary>
    public void Flush()
    {
        Commit();
        if (_own is not null && _own.WrittenCount > 0)
        {
            _output.Write(_own.WrittenSpan);
            _own.ResetWrittenCount();
        }
    }

    public void Raw(ReadOnlySpan<byte> bytes)
    {
        if (_limit - _position < bytes.Length)
        {
            Grow(bytes.Length);
        }

        bytes.CopyTo(_buffer.AsSpan(_position));
        _position += bytes.Length;
    }

    public void Raw(byte b)
    {
        if (_position == _limit)
        {
            Grow(1);
        }

        _buffer[_position++] = b;
    }

    /// <summary>Writes element text: the characters escaped as <see cref="XmlWriter.WriteString"/> would.</summary>
    public void Text(ReadOnlySpan<char> text)
    {
        if (!IsPlain(text))
        {
            ThroughXmlWriter(text);
            return;
        }

        while (!text.IsEmpty)
        {
            var special = text.IndexOfAny(Escaped);
            var run = special < 0 ? text : text[..special];
            Utf8Of(run);
            if (special < 0)
            {
                return;
            }

            Raw(text[special] switch
            {
                '&' => "&amp;"u8,
                '<' => "&lt;"u8,
                '>' => "&gt;"u8,
                _ => "&#xD;"u8,
            });
            text = text[(special + 1)..];
        }
    }

    /// <summary>The UTF-8 bytes of an element name, or the exception <see cref="XmlWriter"/> throws for it.</summary>
    public static byte[] NameBytes(string name)
    {
        try
        {
            // XmlWriter checks a start tag's local name with the same parser; a valid NCName is written as it is.
            XmlConvert.VerifyNCName(name);
            return Encoding.UTF8.GetBytes(name);
        }
        catch (Exception ex) when (ex is XmlException or ArgumentException)
        {
            // Not a name XmlWriter writes: throw what it throws (below).
        }

        using var scratch = new MemoryStream();
        using (var writer = XmlWriter.Create(scratch, XmlExportFormat.WriterSettings))
        {
            writer.WriteStartElement("records");
            writer.WriteAttributeString("xmlns", "xsi", null, XsiNamespace);
            writer.WriteStartElement("record");
            writer.WriteStartElement(name);
            writer.WriteString("x");
            writer.WriteFullEndElement();
        }

        return Encoding.UTF8.GetBytes(name);
    }

    /// <summary>Valid XML characters only: tab, LF, CR, U+0020-U+D7FF, U+E000-U+FFFD and well-formed surrogate pairs.</summary>
    internal static bool IsPlain(ReadOnlySpan<char> text)
    {
        var i = text.IndexOfAnyExceptInRange('\u0020', '\uD7FF');
        if (i < 0)
        {
            return true;
        }

        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c is (>= '\u0020' and <= '\uD7FF') or '\t' or '\n' or '\r' or (>= '\uE000' and <= '\uFFFD'))
            {
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            return false;
        }

        return true;
    }

    private void Utf8Of(ReadOnlySpan<char> run)
    {
        while (!run.IsEmpty)
        {
            var piece = run.Length <= MaxTextPiece ? run : run[..(char.IsHighSurrogate(run[MaxTextPiece - 1]) ? MaxTextPiece - 1 : MaxTextPiece)];
            var most = piece.Length * 3;
            if (_limit - _position < most)
            {
                Grow(most);
            }

            var status = Utf8.FromUtf16(piece, _buffer.AsSpan(_position, _limit - _position), out var read, out var written, replaceInvalidSequences: false);
            if (status != OperationStatus.Done || read != piece.Length)
            {
                throw new InvalidOperationException($"UTF-8 encoding of XML text stopped with {status}.");
            }

            _position += written;
            run = run[piece.Length..];
        }
    }

    /// <summary>Text with characters XML cannot carry as they are: the bytes (or the exception) of a scratch <see cref="XmlWriter"/>.</summary>
    private void ThroughXmlWriter(ReadOnlySpan<char> text)
    {
        using var scratch = new MemoryStream();
        using (var writer = XmlWriter.Create(scratch, XmlExportFormat.FragmentSettings))
        {
            writer.WriteStartElement("v");
            writer.WriteString(text.ToString());
            writer.WriteFullEndElement();
        }

        // "<v>" + the text + "</v>"
        Raw(scratch.GetBuffer().AsSpan(3, (int)scratch.Length - 7));
    }

    private void Grow(int needed)
    {
        Commit();
        var memory = _target.GetMemory(Math.Max(needed, MinRequest));
        if (!MemoryMarshal.TryGetArray<byte>(memory, out var segment) || segment.Count < needed)
        {
            // Not arrays (or too small): write through a buffer of our own into the stream instead, from here on.
            _own = new ArrayBufferWriter<byte>(FlushThreshold * 2);
            _target = _own;
            memory = _own.GetMemory(Math.Max(needed, MinRequest));
            MemoryMarshal.TryGetArray<byte>(memory, out segment);
        }

        _buffer = segment.Array!;
        _start = _position = segment.Offset;
        _limit = segment.Offset + segment.Count;
    }
}
