using System.Text.Json.Nodes;
using ExportJobs.Extensibility;
using ExportJobs.Model;

namespace ExportJobs.Core.Tests.Support;

/// <summary>Column profiles over <see cref="AwkwardRecords"/>: selection, rename, order, defaults, record fields, labels.</summary>
internal static class ProfileCases
{
    /// <summary><see cref="AwkwardRecords.Columns"/> with labels in en/de/fr for some columns (stock has no French label).</summary>
    public static IReadOnlyList<ExportColumn> LabelledColumns { get; } = AwkwardRecords.Columns.Select(c => c.Code switch
    {
        "name" => c with { Labels = Labels(("seg-en", "Name"), ("seg-de", "Bezeichnung"), ("seg-fr", "Nom")) },
        "price" => c with { Labels = Labels(("seg-en", "Price"), ("seg-de", "Preis"), ("seg-fr", "Prix")) },
        "stock" => c with { Labels = Labels(("seg-en", "Stock"), ("seg-de", "Bestand"), ("seg-fr", " ")) },
        "active" => c with { Labels = Labels(("seg-en", "Active"), ("seg-de", "Aktiv")) },
        _ => c,
    }).ToList();

    /// <summary>The cases: name, whether the job asks for labels, its scope, and its columns (null: all).</summary>
    public static IEnumerable<(string Name, ExportHeaders Headers, string? Segment, IReadOnlyList<ExportJobColumn>? Columns)> All()
    {
        yield return ("columns", ExportHeaders.Codes, "seg-de", Selection);
        yield return ("labels-de", ExportHeaders.Labels, "seg-de", null);
        yield return ("labels-fr", ExportHeaders.Labels, "seg-fr", LabelledSelection);
    }

    /// <summary>Selection, renaming, reordering, defaults and record fields in one list.</summary>
    public static IReadOnlyList<ExportJobColumn> Selection { get; } =
    [
        new("name") { Header = "Product name" },
        new("id") { Header = "SKU" },
        new("price"),
        new("note") { Default = JsonValue.Create("none") },
        new("never set") { Header = "Never", Default = JsonValue.Create(0) },
        new("a:b/c") { Header = "empty → default", Default = JsonValue.Create(true) },
        new("updatedAt"),
        new("catalogIds"),
        new("parentId") { Header = "parent" },
        new("tags"),
    ];

    /// <summary>Labels with an explicit header that wins, a column without a French label (falls back to its code) and record fields.</summary>
    public static IReadOnlyList<ExportJobColumn> LabelledSelection { get; } =
    [
        new("id"),
        new("name"),
        new("price") { Header = "Prix TTC" },
        new("stock"),
        new("active"),
        new("released"),
    ];

    public static ExportJobDefinition Job(string format, ExportHeaders headers, string? segment, IReadOnlyList<ExportJobColumn>? columns) =>
        EngineHarness.Job(format, scope: segment is null ? null : new Dictionary<string, string> { ["dim-language"] = segment }) with
        {
            Columns = columns,
            Headers = headers,
        };

    private static ExportColumnLabels Labels(params (string Segment, string Label)[] labels) =>
        new("dim-language", labels.ToDictionary(l => l.Segment, l => l.Label));
}
