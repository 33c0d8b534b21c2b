using Microsoft.Extensions.DependencyInjection;

namespace ExportJobs.AspNetCore.Tests.Dashboard;

/// <summary>
/// A browser test on an <see cref="ApiHost"/> with the read, operate and edit policies (and the dashboard mapped with
/// them) and a headless chromium, both started before each test and stopped after it.
/// </summary>
public abstract class RolesHostBrowserTest : IAsyncLifetime
{
    protected static float Timeout => HeadlessChromium.Timeout;

    private protected ApiHost Host { get; private set; } = null!;

    private protected HeadlessChromium Chromium { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await ApiHost.StartAsync(roles: true, exportJobs: ConfigureExportJobs);
        Chromium = await HeadlessChromium.LaunchAsync();
    }

    /// <summary>Adds to the host's ExportJobs registration (more destinations, for example); nothing by default.</summary>
    private protected virtual void ConfigureExportJobs(IExportJobsBuilder builder)
    {
    }

    public async Task DisposeAsync()
    {
        if (Chromium is not null)
        {
            await Chromium.DisposeAsync();
        }

        await Host.DisposeAsync();
    }
}
