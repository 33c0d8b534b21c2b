namespace ExportJobs.Notifications;

/// <summary>Host-wide notification settings, bound from <c>ExportJobs:Notifications</c>, then <c>AddNotifications(o => …)</c>.</summary>
public sealed class ExportNotificationOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "ExportJobs:Notifications";

    /// <summary>The host's default channels: every job is told through them unless it sets its own <c>notifications</c> (<c>[]</c> opts out).</summary>
    public IList<ExportNotificationChannelOptions> Channels { get; } = [];

    /// <summary>The SMTP server of <c>email</c> channels.</summary>
    public ExportNotificationSmtpOptions Smtp { get; } = new();

    /// <summary>
    /// The addresses e-mail may go to: exact addresses (<c>ops@example.com</c>) or whole domains (<c>@example.com</c>),
    /// compared case-insensitively. Empty: no e-mail recipient is allowed.
    /// </summary>
    public IList<string> AllowedRecipients { get; } = [];

    /// <summary>
    /// The public URL of the endpoints <c>MapExportJobs()</c> maps (for example <c>https://pim.example.com/export-jobs</c>);
    /// with it, payloads carry a <c>link</c> to the run (<c>{PublicBaseUrl}/{jobId}/runs/{runId}</c>). Default none.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>Attempts per channel and event, the first included (1..10). Default 4.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>The delay before the first retry; it doubles for each further one, with full jitter. Default 2 seconds.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait between two attempts, also for a receiver's <c>Retry-After</c>. Default 30 seconds.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one attempt may take. Default 30 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a host holds an event it claimed from the outbox before another host may take it over (its sender
    /// died). Must exceed the longest a send can take: <see cref="MaxAttempts"/> × (<see cref="Timeout"/> +
    /// <see cref="MaxRetryDelay"/>). Default 10 minutes.
    /// </summary>
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often the sender looks for events that are not its own news (another host's, or left by a host that stopped). Default 30 seconds.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many events one host sends at the same time. Default 8.</summary>
    public int MaxConcurrentSends { get; set; } = 8;
}
