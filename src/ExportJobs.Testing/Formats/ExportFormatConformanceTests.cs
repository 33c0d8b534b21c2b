using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExportJobs.Extensibility;
using ExportJobs.Formats;
using ExportJobs.Model;

namespace ExportJobs.Testing.Formats;

/// <summary>
/// The format contract (<see cref="IExportFormat"/>, <see cref="ExportFormatWriter"/>) in executable form. A format's
/// tests inherit this class and supply the format and a reader for its output (an independent one: a library that
/// reads the format, not the writer's own code); every test here must pass unchanged.
/// </summary>
/// <remarks>
/// What it checks: awkward values (delimiters, quotes, line breaks, tabs, markup, non-ASCII text, empty text, null,
/// numbers, booleans, dates, arrays, objects) come back through the reader; an export of no records reads back as no
/// records; the writer streams (bytes reach the output before the end); it honours cancellation; it does not close the
/// output stream.
/// </remarks>
public abstract partial class ExportFormatConformanceTests
{
    /// <summary>The output fields of every conformance export: the record id, then one text column.</summary>
    protected static IReadOnlyList<ExportField> Fields { get; } =
    [
        new ExportField { Name = "id", Source = "id", IsRecordField = true },
        new ExportField { Name = "value", Source = "value", Column = new ExportColumn("value") },
    ];

    /// <summary>
    /// The values the round trip writes, one record each. Override to leave out one the format cannot carry, and say why
    /// in the override (the format's README should say it too).
    /// </summary>
    protected virtual IReadOnlyList<object?> AwkwardValues { get; } =
    [
        "plain",
        "comma, separated",
        "say \"hello\"",
        "it's",
        "semi;colon|pipe",
        "line1\nline2",
        "line1\r\nline2",
        "tab\tseparated",
        "back\\slash",
        "  leading and trailing  ",
        "ü é ß 漢字 🎉 עברית",
        "<tag attr=\"x\">&amp;</tag>",
        string.Empty,
        null,
        42,
        -0.5,
        true,
        false,
        new DateTimeOffset(2026, 3, 1, 9, 30, 15, TimeSpan.FromHours(2)),
        new[] { "a", "b,c" },
        new Dictionary<string, object?> { ["k"] = "v", ["n"] = 1 },
    ];

    /// <summary>
    /// Whether the format tells a null value from empty text. <see langword="false"/> for CSV-like formats, whose empty
    /// cell is both; the round trip then accepts either for both.
    /// </summary>
    protected virtual bool KeepsNullApartFromEmptyText => true;

    /// <summary>How many bytes of values the streaming test writes at most before it expects output. Default 32 MiB.</summary>
    protected virtual long StreamingLimitBytes => 32L * 1024 * 1024;

    /// <summary>Creates the format under test.</summary>
    protected abstract IExportFormat CreateFormat();

    /// <summary>
    /// Reads a complete output back, independently of the writer: one dictionary per record, keyed by field name, each
    /// value as text (see <see cref="ExpectedText"/>; <see cref="JsonText"/> converts JSON values).
    /// </summary>
    /// <param name="output">The output, from its start.</param>
    /// <param name="fields">The fields it was written with.</param>
    protected abstract Task<IReadOnlyList<IReadOnlyDictionary<string, string?>>> ReadAsync(Stream output, IReadOnlyList<ExportField> fields);

    /// <summary>
    /// The text a value must read back as: the text <see cref="ExportValues.FormatScalar"/> gives for a scalar, the
    /// compact JSON <see cref="ExportValues.WriteJson"/> gives for an array or object, <see langword="null"/> for null.
    /// </summary>
    /// <param name="value">A value.</param>
    protected static string? ExpectedText(object? value)
    {
        if (ExportValues.Classify(value) is not (ExportValueKind.Array or ExportValueKind.Map))
        {
            return ExportValues.FormatScalar(value);
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            ExportValues.WriteJson(json, value);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>A value read from a JSON-based output as text: strings as they are, other values as compact JSON.</summary>
    /// <param name="node">The value.</param>
    protected static string? JsonText(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => node.ToJsonString(),
    };

    /// <summary>Writes <paramref name="records"/> with a new writer of the format, start to end, then disposes it.</summary>
    /// <param name="output">Where the bytes go.</param>
    /// <param name="records">The records: id and value.</param>
    /// <param name="cancellationToken">Given to every call.</param>
    protected async Task WriteAsync(Stream output, IEnumerable<(string Id, object? Value)> records, CancellationToken cancellationToken = default)
    {
        var writer = CreateFormat().CreateWriter(output, Context());
        await using (writer)
        {
            await writer.WriteStartAsync(cancellationToken);
            var row = new ExportRow(Fields.Count);
            foreach (var (id, value) in records)
            {
                Fill(row, id, value);
                await writer.WriteRecordAsync(row, cancellationToken);
            }

            await writer.WriteEndAsync(cancellationToken);
        }
    }

    /// <summary>The context of a conformance export.</summary>
    protected static ExportFormatContext Context() => new()
    {
        Job = new ExportJob("kit-job", new ExportJobDefinition
        {
            Name = "Conformance kit",
            DestinationType = "kit",
            DestinationConfig = new JsonObject(),
            Format = "kit",
            Schedule = "0 3 * * *",
        }),
        RunId = "kit-run",
        Fields = Fields,
        SourceColumns = [new ExportColumn("value")],
    };

    /// <summary>Fills a row the way the library does.</summary>
    /// <param name="row">The reused row.</param>
    /// <param name="id">The record id.</param>
    /// <param name="value">The value of the text column.</param>
    protected static void Fill(ExportRow row, string id, object? value)
    {
        ArgumentNullException.ThrowIfNull(row);
        row.Id = id;
        row.SchemaId = "kit-schema";
        row.UpdatedAt = new DateTimeOffset(2026, 3, 1, 9, 30, 15, TimeSpan.Zero);
        row.SetValue(0, id);
        row.SetValue(1, value);
    }
}
