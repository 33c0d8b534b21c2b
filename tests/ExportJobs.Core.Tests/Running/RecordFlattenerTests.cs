using ExportJobs.Extensibility;
using ExportJobs.Model;
using ExportJobs.Profiles;
using ExportJobs.Running;
using System.Text.Json.Nodes;

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
        var row = Flattener(new Dictionary<string, string> { ["dim-language"] = "seg-de" }).Fill(Record());

        Assert.Equal("Schuh", row.Values[0]);
        Assert.Equal(3, row.Values[2]);
    }

    [Fact]
    public void SegmentWithoutValue_FlattensToNull()
    {
        var row = Flattener(new Dictionary<string, string> { ["dim-language"] = "seg-fr" }).Fill(Record());

        Assert.Null(row.Values[0]);
    }

    [Fact]
    public void UnscopedDimension_IsKeptWhole()
    {
        var record = Record();
        var row = Flattener(new Dictionary<string, string> { ["dim-country"] = "seg-at" }).Fill(record);

        Assert.Same(record.Attributes["name"], row.Values[0]);
    }

    [Fact]
    public void ValueOverSeveralDimensions_UsesItsFirstScopedDimension()
    {
        var row = Flattener(new Dictionary<string, string> { ["dim-language"] = "seg-en" }).Fill(Record());

        Assert.Equal("E", row.Values[1]);
    }

    [Fact]
    public void JobColumns_PickRecordFieldsAndAttributesInTheirOrder_WithDefaultsForMissingAndEmptyValues()
    {
        var job = Job(
            [
                new ExportJobColumn("plain") { Header = "Plain" },
                new ExportJobColumn("id"),
                new ExportJobColumn("missing-in-record") { Default = JsonValue.Create("n/a") },
                new ExportJobColumn("empty") { Default = JsonValue.Create(0) },
                new ExportJobColumn("updatedAt"),
                new ExportJobColumn("parentId") { Default = JsonValue.Create(true) },
            ],
            null);
        ExportColumn[] columns = [.. Columns, new("missing-in-record"), new("empty")];
        var record = new ExportRecord
        {
            Id = "r",
            SchemaId = "s",
            UpdatedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
            Attributes = new Dictionary<string, object?> { ["plain"] = 3, ["empty"] = string.Empty },
        };

        var profile = ExportProfile.Resolve(job, columns);
        var row = new RecordFlattener(profile, new Dictionary<string, string>()).Fill(record);

        Assert.Equal(["Plain", "id", "missing-in-record", "empty", "updatedAt", "parentId"], profile.Fields.Select(f => f.Name));
        Assert.Equal([false, true, false, false, true, true], profile.Fields.Select(f => f.IsRecordField));
        Assert.Equal(new object?[] { 3, "r", "n/a", 0L, record.UpdatedAt, true }, row.Values);
    }

    [Fact]
    public void JobColumnUnknownToTheSource_FailsNamingEveryOne()
    {
        var job = Job([new ExportJobColumn("name"), new ExportJobColumn("gone"), new ExportJobColumn("also-gone")], null);

        var error = Assert.Throws<ExportProfileException>(() => ExportProfile.Resolve(job, Columns));

        Assert.Contains("'gone' (columns[1])", error.Message, StringComparison.Ordinal);
        Assert.Contains("'also-gone' (columns[2])", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("'name'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Labels_CollidingWithAnotherHeader_FailNamingBothSources()
    {
        ExportColumn[] columns =
        [
            new("a") { Labels = new ExportColumnLabels("dim-language", new Dictionary<string, string> { ["seg-de"] = "Name" }) },
            new("b") { Labels = new ExportColumnLabels("dim-language", new Dictionary<string, string> { ["seg-de"] = "Name" }) },
        ];
        var job = new ExportJob("j", new ExportJobDefinition { Name = "t", DestinationType = "d", Format = "csv", Schedule = "0 2 * * *", Headers = ExportHeaders.Labels, DimensionScope = new Dictionary<string, string> { ["dim-language"] = "seg-de" } });

        var error = Assert.Throws<ExportProfileException>(() => ExportProfile.Resolve(job, columns));

        Assert.Contains("'Name' (from 'a' and 'b')", error.Message, StringComparison.Ordinal);
    }

    private static RecordFlattener Flattener(Dictionary<string, string> scope) =>
        new(ExportProfile.Resolve(Job([new("name"), new("both"), new("plain")], scope), Columns), scope);

    private static ExportJob Job(IReadOnlyList<ExportJobColumn> columns, Dictionary<string, string>? scope) =>
        new("j", new ExportJobDefinition { Name = "t", DestinationType = "d", Format = "csv", Schedule = "0 2 * * *", Columns = columns, DimensionScope = scope });

    [Fact]
    public void DuplicateColumns_AreRejected()
    {
        var error = Assert.Throws<InvalidOperationException>(() => RecordFlattener.Validate([new("a"), new("a")]));

        Assert.Contains("'a' is named twice", error.Message, StringComparison.Ordinal);
    }
}
