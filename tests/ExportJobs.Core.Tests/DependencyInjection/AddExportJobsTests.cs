using ExportJobs.Extensibility;
using ExportJobs.Registration;
using ExportJobs.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ExportJobs.Core.Tests.DependencyInjection;

public sealed class AddExportJobsTests
{
    [Fact]
    public void CalledTwice_RegistersEachComponentOnce()
    {
        var services = new ServiceCollection();
        services.AddLogging();

        services.AddExportJobs().AddDestination<RecordingDestination>("recording");
        services.AddExportJobs(o => o.TimeZone = "Europe/Berlin").AddDestination<RecordingDestination>("recording");
        using var provider = services.BuildServiceProvider();

        Assert.Equal(["csv", "json", "jsonl", "xlsx", "xml"], provider.GetRequiredService<ExportComponentRegistry<IExportFormat>>().Names);
        Assert.Equal(["recording"], provider.GetRequiredService<ExportComponentRegistry<IExportDestination>>().Names);
        Assert.Single(services, d => d.ServiceType == typeof(ExportJobsMarkerService));
        Assert.Equal("Europe/Berlin", provider.GetRequiredService<IOptions<ExportJobsOptions>>().Value.TimeZone);
    }

    [Fact]
    public void InvalidOptions_ReportEveryFailureAtOnce()
    {
        var services = new ServiceCollection();
        services.AddExportJobs(o =>
        {
            o.TimeZone = "Atlantis/Capital";
            o.DefaultRunListLimit = 0;
            o.DefaultJobListLimit = 50;
            o.MaxJobListLimit = 10;
        });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => ReadOptions(provider));

        Assert.Contains(error.Failures, f => f.Contains("TimeZone", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("DefaultRunListLimit", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("MaxJobListLimit", StringComparison.Ordinal));
    }

    private static ExportJobsOptions ReadOptions(IServiceProvider provider) => provider.GetRequiredService<IOptions<ExportJobsOptions>>().Value;
}
