using System.Collections;
using System.Globalization;
using System.Text.Json;
using ExportJobs.Extensibility;

namespace ExportJobs.Formats;

/// <summary>
/// How the built-in formats write attribute values; custom formats use it to follow the same conventions: invariant
/// culture, ISO 8601 round-trip dates (<c>"O"</c>), <c>true</c>/<c>false</c>, shortest round-trip floating point.
/// </summary>
public static class ExportValues
{
    /// <summary>Tells what kind of value <paramref name="value"/> is.</summary>
    /// <param name="value">An attribute value.</param>
    public static ExportValueKind Classify(object? value) => value switch
    {
        null => ExportValueKind.Null,
        string => ExportValueKind.Text,
        bool => ExportValueKind.Boolean,
        int or long or double or decimal or float or short or byte or sbyte or ushort or uint or ulong or Half or Int128 or UInt128 => ExportValueKind.Number,
        DateTimeOffset or DateTime or DateOnly => ExportValueKind.Date,
        DimensionalValue or IReadOnlyDictionary<string, object?> or IDictionary => ExportValueKind.Map,
        IEnumerable => ExportValueKind.Array,
        _ => ExportValueKind.Other,
    };

    /// <summary>Formats a scalar (string, boolean, number, date or other) as text; <see langword="null"/> for null.</summary>
    /// <param name="value">The value; not an array or object.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is an array or an object.</exception>
    public static string? FormatScalar(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f when Classify(value) is ExportValueKind.Number or ExportValueKind.Other => f.ToString(null, CultureInfo.InvariantCulture),
        _ when Classify(value) is ExportValueKind.Array or ExportValueKind.Map => throw new ArgumentException("Arrays and objects are not scalars; write them with WriteJson.", nameof(value)),
        _ => value.ToString(),
    };

    /// <summary>Returns the members of an object value (a dictionary, or an unscoped <see cref="DimensionalValue"/> keyed by dimension, then segment).</summary>
    /// <param name="value">A value of kind <see cref="ExportValueKind.Map"/>.</param>
    public static IEnumerable<KeyValuePair<string, object?>> GetMembers(object value) => value switch
    {
        DimensionalValue d => d.Dimensions.Select(p => new KeyValuePair<string, object?>(p.Key, p.Value)),
        IReadOnlyDictionary<string, object?> o => o,
        IDictionary o => o.Cast<DictionaryEntry>().Select(e => new KeyValuePair<string, object?>(Convert.ToString(e.Key, CultureInfo.InvariantCulture) ?? string.Empty, e.Value)),
        _ => throw new ArgumentException($"A {value?.GetType().Name} is not an object value.", nameof(value)),
    };

    /// <summary>Returns the items of an array value.</summary>
    /// <param name="value">A value of kind <see cref="ExportValueKind.Array"/>.</param>
    public static IEnumerable<object?> GetItems(object value) =>
        value as IEnumerable<object?> ?? ((IEnumerable)value).Cast<object?>();

    /// <summary>Writes any attribute value as JSON: scalars as JSON scalars (dates as ISO 8601 strings), arrays and objects nested.</summary>
    /// <param name="writer">The JSON writer.</param>
    /// <param name="value">The value.</param>
    public static void WriteJson(Utf8JsonWriter writer, object? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        WriteJsonValue(writer, value);
    }

    /// <summary><see cref="WriteJson"/> without the argument check (the built-in writers' own writer is never null).</summary>
    internal static void WriteJsonValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case int i:
                writer.WriteNumberValue(i);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case decimal m:
                writer.WriteNumberValue(m);
                break;
            case double d when double.IsFinite(d):
                writer.WriteNumberValue(d);
                break;
            case float f when float.IsFinite(f):
                writer.WriteNumberValue(f);
                break;
            case DateTimeOffset d:
                WriteJsonDate(writer, d);
                break;
            case DateOnly d:
                WriteJsonDay(writer, d);
                break;
            case DateTime d:
                WriteJsonDateTime(writer, d);
                break;
            case string?[] texts:
                // Exactly string[] (the record's catalogIds, most list attributes): a type check, not an interface cast.
                writer.WriteStartArray();
                foreach (var text in texts)
                {
                    writer.WriteStringValue(text);
                }

                writer.WriteEndArray();
                break;
            case Dictionary<string, object?> map:
                WriteJsonMap(writer, map);
                break;
            case IReadOnlyList<string?> texts:
                // Other string lists: written by index, without the generic enumeration.
                writer.WriteStartArray();
                for (var i = 0; i < texts.Count; i++)
                {
                    writer.WriteStringValue(texts[i]);
                }

                writer.WriteEndArray();
                break;
            default:
                WriteJsonOther(writer, value);
                break;
        }
    }

    /// <summary>Writes a date as an ISO 8601 round-trip string without allocating.</summary>
    /// <param name="writer">The JSON writer.</param>
    /// <param name="value">The date.</param>
    public static void WriteJsonDate(Utf8JsonWriter writer, DateTimeOffset value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<char> text = stackalloc char[40];
        writer.WriteStringValue(value.TryFormat(text, out var written, "O", CultureInfo.InvariantCulture) ? text[..written] : value.ToString("O", CultureInfo.InvariantCulture));
    }

    // The same text as FormatScalar ("O"), formatted on the stack instead of into a string per value; in methods of their
    // own so that WriteJsonValue, called for every value, has no stackalloc (and no stack cookie) of its own.
    private static void WriteJsonDay(Utf8JsonWriter writer, DateOnly value)
    {
        Span<char> text = stackalloc char[16];
        writer.WriteStringValue(value.TryFormat(text, out var written, "O", CultureInfo.InvariantCulture) ? text[..written] : FormatScalar(value));
    }

    private static void WriteJsonDateTime(Utf8JsonWriter writer, DateTime value)
    {
        Span<char> text = stackalloc char[40];
        writer.WriteStringValue(value.TryFormat(text, out var written, "O", CultureInfo.InvariantCulture) ? text[..written] : FormatScalar(value));
    }

    private static void WriteJsonMap(Utf8JsonWriter writer, Dictionary<string, object?> map)
    {
        writer.WriteStartObject();
        foreach (var (name, member) in map)
        {
            writer.WritePropertyName(name);
            WriteJsonValue(writer, member);
        }

        writer.WriteEndObject();
    }

    private static void WriteJsonOther(Utf8JsonWriter writer, object value)
    {
        switch (value)
        {
            // The common object and array types, written without an enumerator allocated per value (GetMembers and
            // GetItems hand out boxed ones); the same output as the general case below.
            case Dictionary<string, object?> map:
                WriteJsonMap(writer, map);
                return;
            case DimensionalValue { Dimensions: Dictionary<string, IReadOnlyDictionary<string, object?>> dimensions }:
                writer.WriteStartObject();
                foreach (var (name, segments) in dimensions)
                {
                    writer.WritePropertyName(name);
                    WriteJsonValue(writer, segments);
                }

                writer.WriteEndObject();
                return;
            case object?[] items:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    WriteJsonValue(writer, item);
                }

                writer.WriteEndArray();
                return;
            case List<object?> items:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    WriteJsonValue(writer, item);
                }

                writer.WriteEndArray();
                return;
        }

        switch (Classify(value))
        {
            case ExportValueKind.Number when value is not (double or float):
                writer.WriteRawValue(FormatScalar(value)!, skipInputValidation: true);
                break;
            case ExportValueKind.Map:
                writer.WriteStartObject();
                foreach (var (name, member) in GetMembers(value))
                {
                    writer.WritePropertyName(name);
                    WriteJsonValue(writer, member);
                }

                writer.WriteEndObject();
                break;
            case ExportValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in GetItems(value))
                {
                    WriteJsonValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                // Non-finite floating point (NaN, Infinity) and other types have no JSON number form: write their text.
                writer.WriteStringValue(FormatScalar(value));
                break;
        }
    }
}
