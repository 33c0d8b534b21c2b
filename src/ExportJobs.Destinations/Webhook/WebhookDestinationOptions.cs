namespace ExportJobs.Destinations.Webhook;

/// <summary>Host-wide options of the <c>webhook</c> destination (<c>AddWebhookDestination(o => ...)</c>).</summary>
public sealed class WebhookDestinationOptions
{
    /// <summary>
    /// Obsolete: lets webhooks reach every address, as if <c>ExportJobs:Network:Destinations:webhook:Allow</c> held
    /// <c>0.0.0.0/0</c> and <c>::/0</c>. Default false.
    /// </summary>
    /// <remarks>
    /// Every destination now goes through one address policy (<see cref="ExportJobs.Network.OutboundAddressPolicy"/>),
    /// configured with <c>ExportJobs:Network:Allow</c> and <c>ExportJobs:Network:Destinations:&lt;type&gt;:Allow</c>, which
    /// an operator can set without recompiling and which allows exactly the ranges or hosts needed.
    /// </remarks>
    [Obsolete("Allow the receivers' hosts or ranges with ExportJobs:Network:Destinations:webhook:Allow (or ConfigureNetwork(o => ...)) instead; this setting allows every address.")]
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
