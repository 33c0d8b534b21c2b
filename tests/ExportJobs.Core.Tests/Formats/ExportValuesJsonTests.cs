using System.Text;
using System.Text.Json;
using ExportJobs.Formats;
using Xunit;

namespace ExportJobs.Core.Tests.Formats;

public sealed class ExportValuesJsonTests
{
    public static TheoryData<object, string> Lists => new()
    {
        { new[] { "cat-1", "cat-2" }, """["cat-1","cat-2"]""" },
        { new List<string?> { "a", null, "" }, """["a",null,""]""" },
        { Array.Empty<string>(), "[]" },
        { new object?[] { "a", 1, null, true }, """["a",1,null,true]""" },
        { new List<int> { 1, 2 }, "[1,2]" },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public void Lists_are_written_as_json_arrays_whatever_their_element_type(object value, string expected)
    {
        Assert.Equal(expected, Write(value));
    }

    /// <summary>The types the built-in writers now test before the general cases (exact string arrays, dictionaries, dates
    /// formatted on the stack): the same JSON as the general cases wrote.</summary>
    public static TheoryData<object, string> FastPaths => new()
    {
        { new DateOnly(2024, 2, 29), "\"2024-02-29\"" },
        { DateOnly.MaxValue, "\"9999-12-31\"" },
        { new DateTime(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc), "\"2026-03-01T12:00:00.0000000Z\"" },
        { new DateTime(2026, 3, 1, 12, 0, 0, DateTimeKind.Unspecified).AddTicks(1), "\"2026-03-01T12:00:00.0000001\"" },
        { new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.FromHours(-9.5)), "\"2026-03-01T12:00:00.0000000-09:30\"" },
        { new string?[] { "a", null, "", "é" }, """["a",null,"","\u00E9"]""" },
        { new Dictionary<string, object?> { ["k"] = new[] { "x" }, ["n"] = null, ["d"] = new Dictionary<string, object?> { ["day"] = new DateOnly(2020, 1, 2) } }, """{"k":["x"],"n":null,"d":{"day":"2020-01-02"}}""" },
        { new Dictionary<string, object?>(), "{}" },
    };

    [Theory]
    [MemberData(nameof(FastPaths))]
    public void Common_types_are_written_as_before(object value, string expected)
    {
        Assert.Equal(expected, Write(value));
    }

    private static string Write(object value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            ExportValues.WriteJson(writer, value);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
