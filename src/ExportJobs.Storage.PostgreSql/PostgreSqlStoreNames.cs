using System.Text.RegularExpressions;

namespace ExportJobs.Storage.PostgreSql;

/// <summary>Checks and quotes the schema name, the only identifier that comes from configuration.</summary>
internal static partial class PostgreSqlStoreNames
{
    /// <summary>Returns <paramref name="schema"/> when it is a valid schema name; throws, naming <paramref name="paramName"/>, when not.</summary>
    public static string Check(string? schema, string paramName) =>
        schema is not null && SchemaPattern().IsMatch(schema)
            ? schema
            : throw new ArgumentException($"'{schema}' is not a valid schema name: use lower-case letters, digits and underscores, starting with a letter or underscore (at most 63).", paramName);

    public static string Quote(string schema) => $"\"{Check(schema, nameof(schema))}\"";

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex SchemaPattern();
}
