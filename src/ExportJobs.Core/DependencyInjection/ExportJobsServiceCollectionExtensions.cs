using ExportJobs.Cron;
using ExportJobs;
using ExportJobs.Diagnostics;
using ExportJobs.Extensibility;
using ExportJobs.Formats.Csv;
using ExportJobs.Formats.Xlsx;
using ExportJobs.Formats.Json;
using ExportJobs.Formats.JsonLines;
using ExportJobs.Formats.Xml;
using ExportJobs.Management;
using ExportJobs.Network;
using ExportJobs.Preview;
using ExportJobs.Registration;
using ExportJobs.Pruning;
using ExportJobs.Retention;
using ExportJobs.Running;
using ExportJobs.Running.Events;
using ExportJobs.Scheduling;
using ExportJobs.Secrets;
using ExportJobs.Validation;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds ExportJobs to a service collection.</summary>
public static class ExportJobsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the ExportJobs core: job model and validation, the built-in formats, the export pipeline and the scheduler.
    /// Options bind from the <c>ExportJobs</c> configuration section, then <paramref name="configure"/> runs.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">Sets options in code.</param>
    /// <returns>A builder to add storage, destinations, formats and the record source.</returns>
    /// <remarks>Safe to call more than once: defaults are added with <c>TryAdd</c> and options callbacks accumulate.</remarks>
    public static IExportJobsBuilder AddExportJobs(this IServiceCollection services, Action<ExportJobsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<ExportJobsOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<ExportJobsOptions>, ExportJobsOptionsSetup>());
        if (!services.Any(d => d.ServiceType == typeof(ExportJobsMarkerService)))
        {
            options.ValidateOnStart();
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddOutboundAddressPolicy();
        MissingExportJobStore.AddTo(services);
        services.TryAddSingleton<ExportJobsMarkerService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ExportJobsOptions>, ExportJobsOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(typeof(ExportComponentRegistry<>));
        services.TryAddSingleton<ExportScheduleFactory>();
        services.TryAddSingleton<ExportJobValidator>();
        services.TryAddSingleton(static sp => new JobNotificationRules(sp.GetService<IExportNotificationSettingsValidator>()));
        services.TryAddSingleton<DestinationSecretPolicy>();
        services.TryAddSingleton(static sp => new ExportJobManager(
            sp.GetRequiredService<ExportJobStore>(),
            sp.GetRequiredService<ExportJobValidator>(),
            sp.GetRequiredService<ExportComponentRegistry<IExportDestination>>(),
            sp.GetRequiredService<ExportComponentRegistry<IExportFormat>>(),
            sp.GetRequiredService<DestinationSecretPolicy>(),
            sp.GetRequiredService<ExportScheduleFactory>(),
            sp.GetRequiredService<IExportRunDispatcher>(),
            sp.GetRequiredService<ExportPreviewer>(),
            sp.GetRequiredService<ExportSchedulerStatus>(),
            sp.GetRequiredService<IOptionsMonitor<ExportJobsOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetServices<IExportJobChangeListener>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<ExportJobManager>>(),
            sp.GetRequiredService<ExportRunEvents>(),
            RecordSourceStartupCheck.IsRegistered(sp),
            sp.GetService<IExportNotificationTester>()));

        // First of the hosted services: a scheduler host without a record source fails before anything starts.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RecordSourceStartupCheck>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ExportRunEventPump>());
        services.TryAddSingleton<ExportScheduler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IExportJobChangeListener, ExportScheduler>(static sp => sp.GetRequiredService<ExportScheduler>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ExportJobStoreInitializer>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ExportScheduler>(static sp => sp.GetRequiredService<ExportScheduler>()));
        services.TryAddSingleton<ExportRunEvents>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IExportRunEventListener, AutoPauseListener>());
        services.TryAddSingleton<ExportRunObserverDispatcher>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IExportRunEventListener, ExportRunObserverDispatcher>(static sp => sp.GetRequiredService<ExportRunObserverDispatcher>()));
        services.TryAddSingleton<ExportRunner>();
        services.TryAddSingleton<ExportRunDispatcher>();
        services.TryAddSingleton<IExportRunDispatcher>(sp => sp.GetRequiredService<ExportRunDispatcher>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ExportRunDispatcherLifetime>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IExportJobChangeListener, DeletedJobCanceller>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ExportRunLeaseKeeper>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ExportJobChangeWatcher>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ExportHistoryPruner>());
        services.TryAddSingleton<ExportJobsTelemetry>();
        services.TryAddSingleton<ExportSchedulerStatus>();
        services.TryAddSingleton(sp => new ExportPreviewer(
            sp.GetRequiredService<ExportRunner>(),
            sp.GetRequiredService<ExportComponentRegistry<IExportFormat>>(),
            sp.GetRequiredService<ExportScheduleFactory>(),
            sp.GetRequiredService<IServiceScopeFactory>(),
            sp.GetRequiredService<TimeProvider>()));

        var builder = new ExportJobsBuilder(services);
        builder.AddFormat<CsvExportFormat>(CsvExportFormat.Name);
        builder.AddFormat<JsonExportFormat>(JsonExportFormat.Name);
        builder.AddFormat<JsonLinesExportFormat>(JsonLinesExportFormat.Name);
        builder.AddFormat<XmlExportFormat>(XmlExportFormat.Name);
        builder.AddFormat<XlsxExportFormat>(XlsxExportFormat.Name);
        return builder;
    }
}
