using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ExportJobs.AspNetCore.Tests;

/// <summary>
/// A host without a store gets the one message that says how to choose one, also in Development, where the container
/// validates itself on build (before, that validation failed first with nine "unable to resolve ExportJobStore" errors).
/// </summary>
public sealed class StoreRequiredTests : IDisposable
{
    private const string Message =
        "ExportJobs has no store. Choose one when adding the services, for example 'builder.Services.AddExportJobs().UseLiteDb(connectionString)'.";

    private readonly ExportJobs.Testing.TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task WebHostWithoutStore_BuildsAndMapExportJobsThrowsTheOneMessage(string environment)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment, ContentRootPath = _folder.Path });
        builder.Logging.ClearProviders();
        builder.Services.AddExportJobs();
        await using var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapExportJobs());

        Assert.Equal(Message, error.Message);
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task WorkerHostWithoutStore_FailsToStartWithTheOneMessage(string environment)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment, ContentRootPath = _folder.Path });
        builder.Logging.ClearProviders();
        builder.Services.AddExportJobs();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Equal(Message, error.Message);
        Assert.Null(error.InnerException);
    }
}
