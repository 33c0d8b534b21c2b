namespace ExportJobs.Destinations.Webhook;

/// <summary>The webhook's host resolved only to addresses the host does not allow; never retried.</summary>
internal sealed class WebhookAddressRejectedException : IOException
{
    public WebhookAddressRejectedException(string message)
        : base(message)
    {
    }
}
