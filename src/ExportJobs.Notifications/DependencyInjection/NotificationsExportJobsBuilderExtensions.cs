using ExportJobs.Network;
using ExportJobs.Notifications;
using ExportJobs.Notifications.Channels;
using ExportJobs.Notifications.Sending;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds notifications (webhook, e-mail, Slack) to ExportJobs.</summary>
public static class NotificationsExportJobsBuilderExtensions
{
    /// <summary>
    /// Tells people when runs fail after their last attempt, recover, are paused automatically (and, when asked, succeed or
    /// are cancelled), through the host's default channels (<c>ExportJobs:Notifications:Channels</c>) or a job's own
    /// <c>notifications</c> (which it registers the rules of: <see cref="ExportJobs.Extensibility.IExportNotificationSettingsValidator"/>). Events are written
    /// to the store's outbox with the run's final state and sent from there at least once, each with an idempotency key.
    /// </summary>
    /// <param name="builder">The ExportJobs builder.</param>
    /// <param name="configure">Sets options in code, after <c>ExportJobs:Notifications</c> is bound.</param>
    /// <remarks>
    /// Webhook and Slack requests go through the named <c>HttpClient</c> "ExportJobs.Notifications", which connects through
    /// the outbound address policy as connection type <c>notifications</c> (allow receivers with
    /// <c>ExportJobs:Network:Destinations:notifications:Allow</c> or <c>ExportJobs:Network:Allow</c>) and follows no
    /// redirects. The SMTP server is host configuration and trusted. Safe to call twice.
    /// </remarks>
    public static IExportJobsBuilder AddNotifications(this IExportJobsBuilder builder, Action<ExportNotificationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<ExportNotificationOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        if (services.Any(d => d.ServiceType == typeof(NotificationOutboxSender)))
        {
            return builder;
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<ExportNotificationOptions>, ExportNotificationOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ExportNotificationOptions>, ExportNotificationOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<NotificationHost>();
        services.TryAddSingleton<NotificationActivity>();
        services.TryAddSingleton<NotificationMetrics>();
        services.TryAddSingleton<NotificationPlanner>();
        services.TryAddSingleton<ExportJobs.Extensibility.IExportNotificationTester, NotificationTester>();
        services.TryAddSingleton<ExportJobs.Extensibility.IExportNotificationSettingsValidator, JobNotificationSettingsValidator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotificationSender, WebhookNotificationSender>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotificationSender, SlackNotificationSender>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotificationSender, EmailNotificationSender>());
        services.AddSingleton<NotificationOutboxSender>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<NotificationOutboxSender>());
        // No request logging: HttpClientFactory's loggers write the request URL, and a Slack URL is a secret (so may a webhook's path be).
        services.AddHttpClient(HttpNotificationPost.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<OutboundAddressPolicy>().CreateHttpHandler(HttpNotificationPost.ConnectionType))
            .RemoveAllLoggers();
        return builder.AddRunOutboxSource<NotificationOutboxSource>().AddRunObserver<NotificationRunObserver>();
    }
}
