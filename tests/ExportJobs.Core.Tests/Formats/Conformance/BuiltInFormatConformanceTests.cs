using ExportJobs.Extensibility;
using ExportJobs.Registration;
using ExportJobs.Testing;
using ExportJobs.Testing.Formats;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ExportJobs.Core.Tests.Formats.Conformance;

/// <summary>
/// The format kit for a built-in format, resolved as a host gets it (AddExportJobs()) and read back with the independent
/// readers of <see cref="OutputReaders"/> (the CSV reader, JsonNode, XmlReader, the Open XML SDK).
/// </summary>
public abstract class BuiltInFormatConformanceTests(string format) : ExportFormatConformanceTests, IDisposable
{
    private readonly ServiceProvider _services = Services();
    private readonly TempDirectory _folder = new();

    protected override IExportFormat CreateFormat() => _services.GetRequiredService<ExportComponentRegistry<IExportFormat>>().Get(format);

    protected override async Task<IReadOnlyList<IReadOnlyDictionary<string, string?>>> ReadAsync(Stream output, IReadOnlyList<ExportField> fields)
    {
        var path = _folder.File($"{Guid.NewGuid():N}.{format}");
        await using (var file = File.Create(path))
        {
            await output.CopyToAsync(file);
        }

        return [.. OutputReaders.Read(format, path).Select(row => (IReadOnlyDictionary<string, string?>)row.ToDictionary(p => p.Key, p => JsonText(p.Value), StringComparer.Ordinal))];
    }

    public void Dispose()
    {
        _services.Dispose();
        _folder.Dispose();
        GC.SuppressFinalize(this);
    }

    private static ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging();
        services.AddExportJobs();
        return services.BuildServiceProvider();
    }
}
