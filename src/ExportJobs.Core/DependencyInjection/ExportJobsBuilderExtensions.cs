using ExportJobs.Secrets;
using ExportJobs.Extensibility;
using ExportJobs.Registration;
using ExportJobs.Validation;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers destinations, formats and storage on an <see cref="IExportJobsBuilder"/>.</summary>
public static class ExportJobsBuilderExtensions
{
    /// <summary>Registers a destination type; jobs select it with <c>"destinationType": name</c>.</summary>
    /// <typeparam name="TDestination">The destination; a singleton created by the container.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The type name, for example <c>"ftp"</c>. Registering the same name again keeps the first registration.</param>
    public static IExportJobsBuilder AddDestination<TDestination>(this IExportJobsBuilder builder, string name)
        where TDestination : class, IExportDestination =>
        builder.AddComponent<IExportDestination, TDestination>(name);

    /// <summary>Registers an output format; jobs select it with <c>"format": name</c>.</summary>
    /// <typeparam name="TFormat">The format; a singleton created by the container.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The format name, for example <c>"parquet"</c>. Registering the same name again keeps the first registration.</param>
    public static IExportJobsBuilder AddFormat<TFormat>(this IExportJobsBuilder builder, string name)
        where TFormat : class, IExportFormat =>
        builder.AddComponent<IExportFormat, TFormat>(name);

    /// <summary>
    /// Registers the host's record source, the one piece every host implements (see <see cref="IExportRecordSource"/>).
    /// Replaces a source registered before.
    /// </summary>
    /// <typeparam name="TSource">The source.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="lifetime">
    /// Scoped by default: every run resolves the source from a new scope, so it can use scoped services such as an EF Core
    /// <c>DbContext</c>. Use <see cref="ServiceLifetime.Singleton"/> for a source without scoped dependencies.
    /// </param>
    public static IExportJobsBuilder AddRecordSource<TSource>(this IExportJobsBuilder builder, ServiceLifetime lifetime = ServiceLifetime.Scoped)
        where TSource : class, IExportRecordSource
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Describe(typeof(IExportRecordSource), typeof(TSource), lifetime));
        return builder;
    }

    /// <summary>
    /// Registers a run observer: told when a run of this host starts, progresses and finishes, and when a job is paused
    /// automatically (see <see cref="IExportRunObserver"/>). Registering the same type again keeps one registration.
    /// </summary>
    /// <typeparam name="TObserver">The observer; a singleton created by the container.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <remarks>Observers are called off the runs' path with a timeout (<see cref="ExportJobs.ExportJobsOptions.RunObserverTimeout"/>): one that throws or hangs is logged and never fails, delays or repeats a run.</remarks>
    public static IExportJobsBuilder AddRunObserver<TObserver>(this IExportJobsBuilder builder)
        where TObserver : class, IExportRunObserver
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IExportRunObserver, TObserver>());
        return builder;
    }

    /// <summary>
    /// Registers a source of outbox messages written with each run's final state, in the same transaction (see
    /// <see cref="IExportRunOutboxSource"/>). Registering the same type again keeps one registration.
    /// </summary>
    /// <typeparam name="TSource">The source; a singleton created by the container.</typeparam>
    /// <param name="builder">The builder.</param>
    public static IExportJobsBuilder AddRunOutboxSource<TSource>(this IExportJobsBuilder builder)
        where TSource : class, IExportRunOutboxSource
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IExportRunOutboxSource, TSource>());
        return builder;
    }

    /// <summary>Uses <typeparamref name="TStore"/> to keep jobs and runs, replacing any store registered before.</summary>
    /// <typeparam name="TStore">The store; a singleton.</typeparam>
    /// <param name="builder">The builder.</param>
    public static IExportJobsBuilder UseStore<TStore>(this IExportJobsBuilder builder)
        where TStore : ExportJobStore
    {
        ArgumentNullException.ThrowIfNull(builder);
        MissingExportJobStore.RemoveFrom(builder.Services);
        builder.Services.AddSingleton<ExportJobStore>(sp => WithSecretProtection(sp, ActivatorUtilities.CreateInstance<TStore>(sp)));
        return builder;
    }

    /// <summary>Uses the store built by <paramref name="factory"/>, replacing any store registered before.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="factory">Creates the store.</param>
    public static IExportJobsBuilder UseStore(this IExportJobsBuilder builder, Func<IServiceProvider, ExportJobStore> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        MissingExportJobStore.RemoveFrom(builder.Services);
        builder.Services.AddSingleton<ExportJobStore>(sp => WithSecretProtection(sp, factory(sp)));
        return builder;
    }

    /// <summary>
    /// Wraps the store so that secrets are encrypted at rest when an <see cref="ISecretProtector"/> is registered, and so
    /// that, with or without one, no setting a user sends can take the stored shape of an encrypted secret.
    /// </summary>
    private static SecretProtectingExportJobStore WithSecretProtection(IServiceProvider services, ExportJobStore store) =>
        new SecretProtectingExportJobStore(
            store,
            services.GetService<ISecretProtector>(),
            services.GetRequiredService<ExportComponentRegistry<IExportDestination>>(),
            new JobNotificationRules(services.GetService<IExportNotificationSettingsValidator>()),
            services.GetRequiredService<Microsoft.Extensions.Logging.ILogger<SecretProtectingExportJobStore>>());

    private static IExportJobsBuilder AddComponent<TContract, TImplementation>(this IExportJobsBuilder builder, string name)
        where TContract : class
        where TImplementation : class, TContract
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (builder.Services.Any(d => d.ServiceType == typeof(ExportComponentRegistration<TContract>) && d.ImplementationInstance is ExportComponentRegistration<TContract> r && r.Name == name))
        {
            return builder;
        }

        builder.Services.AddKeyedSingleton<TContract, TImplementation>(name);
        builder.Services.AddSingleton(new ExportComponentRegistration<TContract>(name));
        return builder;
    }
}
