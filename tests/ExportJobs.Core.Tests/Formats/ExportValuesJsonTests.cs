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
