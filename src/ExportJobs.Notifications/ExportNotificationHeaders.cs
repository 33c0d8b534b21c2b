namespace ExportJobs.Notifications;

/// <summary>The headers of a <c>webhook</c> notification; the names the <c>webhook</c> destination uses where they mean the same.</summary>
public static class ExportNotificationHeaders
{
    /// <summary>The job's id.</summary>
    public const string JobId = "X-ExportJobs-Job-Id";

    /// <summary>The run's id (absent for events without a run, such as <c>autoPaused</c> and <c>test</c>).</summary>
    public const string RunId = "X-ExportJobs-Run-Id";

    /// <summary>The event (<see cref="ExportNotificationEvents"/>).</summary>
    public const string Event = "X-ExportJobs-Event";

    /// <summary>The event's id: the same on every attempt and after a host takes an event over; drop duplicates by it.</summary>
    public const string IdempotencyKey = "Idempotency-Key";

    /// <summary>1 for the first attempt, higher for retries.</summary>
    public const string Attempt = "X-ExportJobs-Attempt";

    /// <summary>Unix time in seconds when the attempt was signed; part of the signed payload.</summary>
    public const string Timestamp = "X-ExportJobs-Timestamp";

    /// <summary><c>sha256=</c> and the lower-case hex HMAC-SHA256 of <c>{timestamp}.{body}</c> keyed with the channel's <c>secret</c>; sent only with a secret.</summary>
    public const string Signature = "X-ExportJobs-Signature";
}
