namespace ExportJobs.Notifications.Channels;

/// <summary>A channel could not deliver; <see cref="Retryable"/> says whether another attempt may succeed.</summary>
internal sealed class NotificationDeliveryException : Exception
{
    public NotificationDeliveryException(string message, bool retryable, TimeSpan? retryAfter = null, Exception? inner = null)
        : base(message, inner)
    {
        Retryable = retryable;
        RetryAfter = retryAfter;
    }

    public NotificationDeliveryException()
    {
    }

    public NotificationDeliveryException(string message)
        : base(message)
    {
    }

    public NotificationDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public bool Retryable { get; }

    public TimeSpan? RetryAfter { get; }
}
