using ExportJobs.Extensibility;
using ExportJobs.Testing;
using ExportJobs.Testing.Formats;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ParquetSharp;

namespace ExportJobs.Formats.Parquet.Tests;

/// <summary>The format kit for parquet, as a host registers it (AddParquetFormat()), read back with ParquetSharp (not Parquet.Net).</summary>
public sealed class ParquetFormatConformanceTests : ExportFormatConformanceTests, IDisposable
{
    private readonly ServiceProvider _services;
    private readonly TempDirectory _folder = new();

    public ParquetFormatConformanceTests()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging();
        services.AddExportJobs().AddParquetFormat();
        _services = services.BuildServiceProvider();
    }

    protected override IExportFormat CreateFormat() => new ParquetExportFormat(_services.GetRequiredService<IOptionsMonitor<ParquetFormatOptions>>());

    protected override async Task<IReadOnlyList<IReadOnlyDictionary<string, string?>>> ReadAsync(Stream output, IReadOnlyList<ExportField> fields)
    {
        var path = _folder.File($"{Guid.NewGuid():N}.parquet");
        await using (var file = File.Create(path))
        {
            await output.CopyToAsync(file);
        }

        using var reader = new ParquetFileReader(path);
        var rows = new List<IReadOnlyDictionary<string, string?>>();
        var schema = reader.FileMetaData.Schema;
        for (var g = 0; g < reader.FileMetaData.NumRowGroups; g++)
        {
            using var group = reader.RowGroup(g);
            var count = (int)group.MetaData.NumRows;
            var columns = Enumerable.Range(0, schema.NumColumns).Select(c => (schema.Column(c).Name, Values: group.Column(c).LogicalReader<string?>().ReadAll(count))).ToList();
            for (var r = 0; r < count; r++)
            {
                rows.Add(columns.ToDictionary(c => c.Name, c => c.Values[r], StringComparer.Ordinal));
            }
        }

        return rows;
    }

    public void Dispose()
    {
        _services.Dispose();
        _folder.Dispose();
    }
}
