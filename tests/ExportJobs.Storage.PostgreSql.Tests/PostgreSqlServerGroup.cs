namespace ExportJobs.Storage.PostgreSql.Tests;

/// <summary>The tests that share the <see cref="PostgreSqlFixture"/> server.</summary>
[CollectionDefinition(Name)]
public sealed class PostgreSqlServerGroup : ICollectionFixture<PostgreSqlFixture>
{
    public const string Name = "PostgreSQL";
}
