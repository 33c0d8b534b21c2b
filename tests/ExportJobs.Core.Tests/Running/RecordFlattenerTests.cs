using ExportJobs.Extensibility;
using ExportJobs.Running;

namespace ExportJobs.Core.Tests.Running;

public sealed class RecordFlattenerTests
{
    private static readonly ExportColumn[] Columns = [new("name"), new("both"), new("plain")];

    private static ExportRecord Record() => new()
    {
        Id = "r",
        SchemaId = "s",
        Attributes = new Dictionary<string, object?>
        {
            ["name"] = DimensionalValue.For("dim-language", new Dictionary<string, object?> { ["seg-en"] = "Shoe", ["seg-de"] = "Schuh" }),
            ["both"] = new DimensionalValue(new Dictionary<string, IReadOnlyDictionary<string, object?>>
            {
                ["dim-channel"] = new Dictionary<string, object?> { ["web"] = "W" },
                ["dim-language"] = new Dictionary<string, object?> { ["seg-en"] = "E" },
            }),
            ["plain"] = 3,
        },
    };

    [Fact]
    public void ScopedDimension_IsReplacedByTheSegmentsValue()
    {
        var row = new RecordFlattener(Columns, new Dictionary<string, string> { ["dim-language"] = "seg-de" }).Fill(Record());

        Assert.Equal("Schuh", row.Values[0]);
        Assert.Equal(3, row.Values[2]);
    }

    [Fact]
    public void SegmentWithoutValue_FlattensToNull()
    {
        var row = new RecordFlattener(Columns, new Dictionary<string, string> { ["dim-language"] = "seg-fr" }).Fill(Record());

        Assert.Null(row.Values[0]);
    }

    [Fact]
    public void UnscopedDimension_IsKeptWhole()
    {
        var record = Record();
        var row = new RecordFlattener(Columns, new Dictionary<string, string> { ["dim-country"] = "seg-at" }).Fill(record);

        Assert.Same(record.Attributes["name"], row.Values[0]);
    }

    [Fact]
    public void ValueOverSeveralDimensions_UsesItsFirstScopedDimension()
    {
        var row = new RecordFlattener(Columns, new Dictionary<string, string> { ["dim-language"] = "seg-en" }).Fill(Record());

        Assert.Equal("E", row.Values[1]);
    }

    [Fact]
    public void DuplicateColumns_AreRejected()
    {
        var error = Assert.Throws<InvalidOperationException>(() => RecordFlattener.Validate([new("a"), new("a")]));

        Assert.Contains("'a' is named twice", error.Message, StringComparison.Ordinal);
    }
}
