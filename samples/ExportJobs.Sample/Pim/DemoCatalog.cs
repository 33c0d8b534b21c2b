using ExportJobs.Extensibility;

namespace ExportJobs.Sample.Pim;

/// <summary>
/// Deterministic demo PIM data: record <c>i</c> is always the same. Every third record is a product (schema
/// <c>shoes</c> or <c>shirts</c>); the two after it are its variants (<c>parentId</c>). Localized attributes vary over
/// <c>dim-language</c> (<c>seg-en</c>, <c>seg-de</c>, <c>seg-fr</c>; some French texts are missing).
/// </summary>
public sealed class DemoCatalog
{
    /// <summary>The schemas.</summary>
    public static readonly string[] Schemas = ["shoes", "shirts"];

    /// <summary>The catalogs.</summary>
    public static readonly string[] Catalogs = ["cat-summer", "cat-winter", "cat-outlet"];

    /// <summary>When the generated records were last changed (before any touch).</summary>
    public static readonly DateTimeOffset BaseTime = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] Colors = ["black", "white", "red", "navy", "olive"];
    private static readonly string[][] Names =
    [
        ["Runner", "Läufer", "Coureur"],
        ["Trail Boot", "Wanderstiefel", "Botte de trail"],
        ["Oxford Shirt", "Oxford-Hemd", "Chemise Oxford"],
        ["Linen Tee, \"Summer\"", "Leinen-T-Shirt", "T-shirt en lin"],
    ];

    /// <summary>
    /// The attribute columns, in output order, with their labels in English, German and French (for jobs with
    /// <c>"headers": "labels"</c>) and value types (for typed formats such as Parquet).
    /// </summary>
    public static IReadOnlyList<ExportColumn> Columns { get; } =
    [
        Column("sku", "SKU", "Artikelnummer", "Référence"),
        Column("name", "Name", "Bezeichnung", "Nom"),
        Column("description", "Description", "Beschreibung", "Description"),
        Column("price", "Price", "Preis", "Prix", ExportValueType.Decimal),
        Column("currency", "Currency", "Währung", "Devise"),
        Column("stock", "Stock", "Bestand", "Stock", ExportValueType.Integer),
        Column("active", "Active", "Aktiv", "Actif", ExportValueType.Boolean),
        Column("releaseDate", "Release date", "Erscheinungsdatum", "Date de sortie", ExportValueType.DateTime),
        Column("tags", "Tags", "Schlagwörter", "Mots-clés"),
        Column("dimensions", "Dimensions", "Abmessungen", "Dimensions"),
        Column("color", "Color", "Farbe", "Couleur"),
        Column("size", "Size", "Größe", "Taille"),
    ];

    /// <summary>The record with index <paramref name="index"/>.</summary>
    /// <param name="index">0-based.</param>
    /// <param name="updatedAt">When it was last changed; <see cref="BaseTime"/> plus index seconds when <see langword="null"/>.</param>
    public static ExportRecord Create(int index, DateTimeOffset? updatedAt = null)
    {
        var product = index - (index % 3);
        var isVariant = index != product;
        var family = (product / 3) % Names.Length;
        var schema = Schemas[family / 2];
        var catalogs = (product / 3 % 3) switch
        {
            0 => new[] { Catalogs[0] },
            1 => new[] { Catalogs[0], Catalogs[2] },
            _ => new[] { Catalogs[1] },
        };
        var names = Names[family];
        var attributes = new Dictionary<string, object?>(12, StringComparer.Ordinal)
        {
            ["sku"] = $"SKU-{index:D8}",
            ["name"] = DimensionalValue.For("dim-language", new Dictionary<string, object?>(3, StringComparer.Ordinal)
            {
                ["seg-en"] = names[0],
                ["seg-de"] = names[1],
                ["seg-fr"] = names[2],
            }),
            ["description"] = DimensionalValue.For("dim-language", Descriptions(product)),
            ["price"] = 19.99m + (product % 500),
            ["currency"] = "EUR",
            ["stock"] = (index * 7) % 120,
            ["active"] = index % 10 != 9,
            ["releaseDate"] = DateOnly.FromDayNumber(738_000 + (product % 900)),
            ["tags"] = new[] { schema, index % 2 == 0 ? "new" : "classic" },
            ["dimensions"] = new Dictionary<string, object?>(2, StringComparer.Ordinal) { ["widthCm"] = 10 + (product % 20), ["heightCm"] = 5.5 },
        };
        if (isVariant)
        {
            attributes["color"] = Colors[index % Colors.Length];
            attributes["size"] = schema == "shoes" ? 38 + (index % 10) : "M";
        }

        return new ExportRecord
        {
            Id = $"p-{index:D7}",
            SchemaId = schema,
            CatalogIds = catalogs,
            ParentId = isVariant ? $"p-{product:D7}" : null,
            UpdatedAt = updatedAt ?? BaseTime.AddSeconds(index),
            Attributes = attributes,
        };
    }

    private static ExportColumn Column(string code, string en, string de, string fr, ExportValueType? type = null) => new(code)
    {
        Labels = new ExportColumnLabels("dim-language", new Dictionary<string, string>(3, StringComparer.Ordinal) { ["seg-en"] = en, ["seg-de"] = de, ["seg-fr"] = fr }),
        ValueType = type,
    };

    private static Dictionary<string, object?> Descriptions(int product)
    {
        var descriptions = new Dictionary<string, object?>(3, StringComparer.Ordinal)
        {
            ["seg-en"] = $"Model {product}, made to last.\nCare: machine wash",
            ["seg-de"] = $"Modell {product}, gemacht für lange Zeit.",
        };
        if (product % 2 == 0)
        {
            descriptions["seg-fr"] = $"Modèle {product}, fait pour durer.";
        }

        return descriptions;
    }
}
