namespace ExportJobs.Destinations.Webhook;

/// <summary>One delivery attempt failed in a way another attempt may not (408, 429, 5xx, a connection error, the timeout).</summary>
internal sealed class WebhookAttemptFailedException : Exception
{
    public WebhookAttemptFailedException(string failure, TimeSpan? retryAfter)
        : base(failure) => RetryAfter = retryAfter;

    public WebhookAttemptFailedException()
    {
    }

    public WebhookAttemptFailedException(string message)
        : base(message)
    {
    }

    public WebhookAttemptFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The receiver's <c>Retry-After</c>, when it sent one.</summary>
    public TimeSpan? RetryAfter { get; }
}
