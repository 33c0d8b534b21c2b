namespace ExportJobs.Destinations.Webhook;

/// <summary>Host-wide options of the <c>webhook</c> destination (<c>AddWebhookDestination(o => ...)</c>).</summary>
public sealed class WebhookDestinationOptions
{
    /// <summary>
    /// Whether webhooks may target loopback, link-local, private (RFC 1918, unique local), carrier-grade NAT and other
    /// non-public addresses. Default false.
    /// </summary>
    /// <remarks>
    /// Job owners choose webhook URLs; without this guard anyone who can create a job could make the host send requests
    /// into its own network (server-side request forgery). The check runs on the address actually connected to, after DNS
    /// resolution, so a host name that resolves to a private address is refused too. Redirects are not followed.
    /// </remarks>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Attempts per delivery, the first included (1..10). Default 4.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>The delay before the first retry; it doubles for each further retry, with full jitter. Default 1 second.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two attempts, also for a receiver's <c>Retry-After</c>. Default 30 seconds.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one attempt may take, for jobs that do not set <c>timeoutSeconds</c>. Default 100 seconds.</summary>
    public TimeSpan DefaultTimeout { get; set; } = TimeSpan.FromSeconds(100);
}
