namespace ExportJobs.Destinations.Webhook;

/// <summary>The webhook's host resolved only to addresses the host does not allow; never retried.</summary>
internal sealed class WebhookAddressRejectedException : IOException
{
    public WebhookAddressRejectedException(string message)
        : base(message)
    {
    }

    /// <summary>The rejection behind <paramref name="exception"/> (the handler wraps it), if any.</summary>
    public static WebhookAddressRejectedException? Find(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is WebhookAddressRejectedException rejected)
            {
                return rejected;
            }
        }

        return null;
    }
}
