namespace ExportJobs.Scheduling;

/// <summary>Computes the wait before a retry: exponential backoff, capped, with jitter.</summary>
internal static class RetryBackoff
{
    /// <summary>The wait after attempt <paramref name="failedAttempt"/> failed.</summary>
    /// <param name="failedAttempt">The attempt that failed, 1 for the first run.</param>
    /// <param name="options">Delay, cap and jitter.</param>
    /// <param name="random">A number in [0, 1] that picks the point in the jitter range.</param>
    public static TimeSpan Delay(int failedAttempt, ExportJobsOptions options, double random)
    {
        var exponent = Math.Min(failedAttempt - 1, 30);
        var backoff = Math.Min(options.RetryDelay.TotalMilliseconds * Math.Pow(2, exponent), options.RetryMaxDelay.TotalMilliseconds);
        var factor = 1 + (options.RetryJitter * ((2 * random) - 1));
        return TimeSpan.FromMilliseconds(Math.Max(0, backoff * factor));
    }
}
