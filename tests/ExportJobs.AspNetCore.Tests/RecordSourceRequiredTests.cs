using System.Net;
using ExportJobs.Extensibility;
using ExportJobs.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ExportJobs.AspNetCore.Tests;

/// <summary>
/// A host without <c>AddRecordSource&lt;T&gt;()</c>: with the scheduler on it fails at start-up with one clear message (in
/// Development too, where the container validates itself on build); an API-only host starts, and its previews and
/// triggers answer 503 problem details.
/// </summary>
public sealed class RecordSourceRequiredTests : IDisposable
{
    private const string Message =
        "ExportJobs has no record source. Register the host's IExportRecordSource when adding the services, for example 'builder.Services.AddExportJobs().AddRecordSource<MyRecordSource>()', or set ExportJobs:SchedulerEnabled to false on a host that only serves the API.";

    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task WebHostWithoutRecordSource_MapExportJobsThrowsTheOneMessage(string environment)
    {
        await using var app = Build(environment);

        var error = Assert.Throws<InvalidOperationException>(() => app.MapExportJobs());

        Assert.Equal(Message, error.Message);
        Assert.Null(error.InnerException);
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task HostThatDoesNotMapTheApi_FailsToStartWithTheOneMessage(string environment)
    {
        await using var app = Build(environment);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());

        Assert.Equal(Message, error.Message);
        Assert.Null(error.InnerException);
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task WorkerHostWithoutRecordSource_FailsToStartWithTheOneMessage(string environment)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment, ContentRootPath = _folder.Path });
        builder.Logging.ClearProviders();
        builder.Services.AddExportJobs().UseLiteDb($"Filename={_folder.File($"worker-{environment}.db")}");
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Equal(Message, error.Message);
    }

    [Fact]
    public async Task WithARecordSource_TheSameHostStarts()
    {
        await using var app = Build("Development", b => b.Services.AddSingleton<IExportRecordSource>(new GeneratedRecordSource(1)));
        app.MapExportJobs();

        await app.StartAsync();
        await app.StopAsync();
    }

    [Fact]
    public async Task ApiOnlyHostWithoutRecordSource_Starts_PreviewAndTriggerAnswer503()
    {
        await using var host = await ApiHost.StartAsync(exportJobs: b =>
        {
            b.Services.RemoveAll<IExportRecordSource>();
            b.Services.Configure<ExportJobsOptions>(o => o.SchedulerEnabled = false);
        });
        var job = await host.Client.CreateJobAsync(JobBodies.Valid());
        var id = job["id"]!.GetValue<string>();

        var responses = new[]
        {
            await host.Client.GetAsync($"/export-jobs/{id}/preview"),
            await host.Client.PostJsonAsync("/export-jobs/preview", JobBodies.Valid()),
            await host.Client.PostAsync($"/export-jobs/{id}/trigger", null),
        };

        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = (await response.ReadJsonAsync()).AsObject();
            Assert.Equal(503, problem["status"]!.GetValue<int>());
            Assert.Equal("This host cannot read records.", problem["title"]!.GetValue<string>());
            Assert.Contains("AddRecordSource<T>()", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        var runs = (await (await host.Client.GetAsync($"/export-jobs/{id}/runs")).ReadJsonAsync()).AsArray();
        Assert.Empty(runs);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.PostAsync("/export-jobs/no-such-job/trigger", null)).StatusCode);
        var invalid = JobBodies.Valid();
        invalid["schedule"] = "nope";
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Client.PostJsonAsync("/export-jobs/preview", invalid)).StatusCode);
    }

    /// <summary>A web host (Kestrel on 127.0.0.1) built as <c>WebApplication.CreateBuilder</c> does in that environment.</summary>
    private WebApplication Build(string environment, Action<IExportJobsBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment, ContentRootPath = _folder.Path });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var exportJobs = builder.Services.AddExportJobs().UseLiteDb($"Filename={_folder.File($"{environment}-{Guid.NewGuid():N}.db")}");
        configure?.Invoke(exportJobs);
        return builder.Build();
    }
}
