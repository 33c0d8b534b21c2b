using ExportJobs.Testing.PostgreSql;
using Npgsql;

namespace ExportJobs.Storage.PostgreSql.Tests;

/// <summary>One real PostgreSQL server for the whole test assembly; each test works in a schema of its own.</summary>
public sealed class PostgreSqlFixture : IAsyncLifetime
{
    private PostgreSqlServer? _server;

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public string ConnectionString => _server?.ConnectionString ?? throw new InvalidOperationException("The server has not started.");

    public async Task InitializeAsync()
    {
        _server = await PostgreSqlServer.StartAsync();
        DataSource = NpgsqlDataSource.Create(_server.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (DataSource is not null)
        {
            await DataSource.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>A schema name no other test uses.</summary>
    public static string NewSchema() => $"t_{Guid.NewGuid():N}";

    /// <summary>Drops a test's schema with everything in it.</summary>
    public async Task DropSchemaAsync(string schema)
    {
        await using var command = DataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
        await command.ExecuteNonQueryAsync();
    }
}
