namespace ExportJobs.Destinations.Webhook;

/// <summary>The headers the <c>webhook</c> destination sends with every delivery.</summary>
public static class WebhookHeaders
{
    /// <summary>The job's id.</summary>
    public const string JobId = "X-ExportJobs-Job-Id";

    /// <summary>The run's id.</summary>
    public const string RunId = "X-ExportJobs-Run-Id";

    /// <summary>Stays the same when the same occurrence is delivered again (retries, re-runs); drop duplicates by it.</summary>
    public const string IdempotencyKey = "Idempotency-Key";

    /// <summary>The file name rendered from the job's template.</summary>
    public const string FileName = "X-ExportJobs-File-Name";

    /// <summary>Lower-case hex SHA-256 of the body as sent.</summary>
    public const string Checksum = "X-ExportJobs-Checksum-SHA256";

    /// <summary>1 for the first attempt, higher for retries.</summary>
    public const string Attempt = "X-ExportJobs-Attempt";

    /// <summary>Unix time in seconds when the attempt was signed; part of the signed payload.</summary>
    public const string Timestamp = "X-ExportJobs-Timestamp";

    /// <summary><c>sha256=</c> and the lower-case hex HMAC-SHA256 of <c>{timestamp}.{body}</c> keyed with the job's <c>secret</c>; sent only when a secret is set.</summary>
    public const string Signature = "X-ExportJobs-Signature";

    internal static readonly string[] Reserved =
        [JobId, RunId, IdempotencyKey, FileName, Checksum, Attempt, Timestamp, Signature, "Content-Type", "Content-Length", "Content-Encoding", "Host", "Transfer-Encoding"];
}
