using ExportJobs.Extensibility;

namespace ExportJobs.Core.Tests.Support;

/// <summary>Records with every awkward value the formats must carry: delimiters, quotes, newlines, unicode, nulls, nesting, bad XML names.</summary>
internal static class AwkwardRecords
{
    public static readonly DateTimeOffset BaseTime = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<ExportColumn> Columns { get; } =
    [
        new("name"), new("price"), new("stock"), new("active"), new("released"), new("tags"), new("specs"),
        new("1st price"), new("note"), new("a:b/c"), new("leading space"), new("never set"),
    ];

    public static IReadOnlyList<ExportRecord> All { get; } =
    [
        new ExportRecord
        {
            Id = "p-1",
            SchemaId = "shoes",
            CatalogIds = ["cat-a", "cat-b"],
            UpdatedAt = BaseTime,
            Attributes = new Dictionary<string, object?>
            {
                ["name"] = DimensionalValue.For("dim-language", new Dictionary<string, object?>
                {
                    ["seg-en"] = "Shoe, \"Classic\"",
                    ["seg-de"] = "Schuh\nzwei Zeilen",
                    ["seg-fr"] = "Chaussure é ü 日本 🎉",
                }),
                ["price"] = 19.99m,
                ["stock"] = 42,
                ["active"] = true,
                ["released"] = new DateOnly(2024, 2, 29),
                ["tags"] = new[] { "a,b", "quote\"d", "line\r\nbreak" },
                ["specs"] = new Dictionary<string, object?>
                {
                    ["weight kg"] = 1.5,
                    ["size"] = new Dictionary<string, object?> { ["eu"] = 42, ["us"] = "9" },
                    ["empty"] = null,
                },
                ["1st price"] = "=SUM(A1:A2)",
                ["note"] = null,
                ["a:b/c"] = string.Empty,
                ["leading space"] = "  padded\ttab  ",
            },
        },
        new ExportRecord
        {
            Id = "p-1-v1",
            SchemaId = "shoes",
            ParentId = "p-1",
            CatalogIds = ["cat-a"],
            UpdatedAt = BaseTime.AddHours(1),
            Attributes = new Dictionary<string, object?>
            {
                ["name"] = DimensionalValue.For("dim-language", new Dictionary<string, object?> { ["seg-en"] = "Shoe, red" }),
                ["price"] = -5,
                ["stock"] = 0L,
                ["active"] = false,
                ["released"] = new DateTimeOffset(2025, 12, 31, 23, 59, 59, TimeSpan.FromHours(2)),
                ["tags"] = Array.Empty<string>(),
                ["1st price"] = "@cmd",
            },
        },
        new ExportRecord
        {
            Id = "b-<2>&",
            SchemaId = "bags",
            CatalogIds = [],
            UpdatedAt = BaseTime.AddDays(1),
            Attributes = new Dictionary<string, object?>
            {
                ["name"] = DimensionalValue.For("dim-channel", new Dictionary<string, object?> { ["web"] = "Bag <b>bold</b>", ["print"] = null }),
                ["price"] = 0.1 + 0.2,
                ["tags"] = new object?[] { 1, null, new[] { "nested" }, true },
                ["note"] = "ends with CR\r",
            },
        },
    ];
}
