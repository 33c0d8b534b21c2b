using ExportJobs.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace ExportJobs.AspNetCore.Tests;

/// <summary>The sample host (samples/ExportJobs.Sample) on Kestrel at 127.0.0.1 on a free port, with its LiteDB file and exports in a temp folder.</summary>
public sealed class SampleHost : WebApplicationFactory<Program>
{
    private readonly TempDirectory _folder = new();
    private readonly Dictionary<string, string?> _settings;

    public SampleHost(IDictionary<string, string?>? settings = null)
    {
        _settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["ConnectionStrings:ExportJobs"] = $"Filename={_folder.File("exportjobs.db")}",
            ["Sample:ExportRoot"] = _folder.File("exports"),
            ["Sample:SeedJobs"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        UseKestrel(0);
    }

    /// <summary>The base address of the running server (http://127.0.0.1:port/).</summary>
    public Uri Address => ClientOptions.BaseAddress;

    /// <summary>The folder holding the host's database and exports.</summary>
    public TempDirectory Folder => _folder;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseUrls("http://127.0.0.1:0");
        builder.ConfigureLogging(logging => logging.ClearProviders());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _folder.Dispose();
        }
    }
}
