using ExportJobs.Extensibility;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ExportJobs.Running;

/// <summary>
/// Fails the host's start-up with one clear message when the scheduler is enabled but no <see cref="IExportRecordSource"/>
/// is registered; registered as the first of the library's hosted services, so nothing has started when it throws.
/// </summary>
/// <remarks>
/// The record source is resolved only when a run starts, so the container's own validation (<c>ValidateOnBuild</c>, on in
/// Development) cannot see it missing; without this check such a host would start and fail every run. A host with the
/// scheduler turned off (<see cref="ExportJobsOptions.SchedulerEnabled"/>, an API-only host) starts without one: its
/// previews and manual triggers are refused with <see cref="Missing"/>'s API counterpart instead.
/// </remarks>
internal sealed class RecordSourceStartupCheck(IServiceProvider services, IOptions<ExportJobsOptions> options) : IHostedService
{
    /// <summary>The start-up message (also thrown by <c>MapExportJobs()</c>, which checks the same before the host starts).</summary>
    public const string Missing =
        "ExportJobs has no record source. Register the host's IExportRecordSource when adding the services, for example 'builder.Services.AddExportJobs().AddRecordSource<MyRecordSource>()', or set ExportJobs:SchedulerEnabled to false on a host that only serves the API.";

    /// <summary>Whether a record source is registered (true when the container cannot tell).</summary>
    public static bool IsRegistered(IServiceProvider services) =>
        services.GetService<IServiceProviderIsService>()?.IsService(typeof(IExportRecordSource)) ?? true;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.SchedulerEnabled && !IsRegistered(services))
        {
            throw new InvalidOperationException(Missing);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
