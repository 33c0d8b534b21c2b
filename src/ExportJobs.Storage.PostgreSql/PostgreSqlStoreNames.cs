using System.Text.RegularExpressions;

namespace ExportJobs.Storage.PostgreSql;

/// <summary>Checks and quotes the schema name, the only identifier that comes from configuration.</summary>
internal static partial class PostgreSqlStoreNames
{
    public static bool IsValidSchema(string? schema) => schema is not null && SchemaPattern().IsMatch(schema);

    public static string Quote(string schema) =>
        IsValidSchema(schema) ? $"\"{schema}\"" : throw new ArgumentException($"'{schema}' is not a valid schema name: use lower-case letters, digits and underscores, starting with a letter or underscore (at most 63).", nameof(schema));

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex SchemaPattern();
}
