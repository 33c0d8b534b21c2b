using ExportJobs.Notifications.Channels;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace ExportJobs.Notifications.Sending;

/// <summary>
/// The Polly pipeline every channel's attempts go through: a timeout per attempt inside a retry of the attempts that
/// may succeed later (408, 429, 5xx, connection failures, timeouts, SMTP 4xx), with exponential backoff and full
/// jitter, or the receiver's <c>Retry-After</c>, capped at <see cref="ExportNotificationOptions.MaxRetryDelay"/>.
/// </summary>
/// <remarks>Time comes from the host's <see cref="TimeProvider"/>, so tests drive the delays with a fake clock.</remarks>
internal static class NotificationRetryPipeline
{
    public static ResiliencePipeline Create(ExportNotificationOptions options, TimeProvider time, Func<OnRetryArguments<object>, ValueTask> onRetry) =>
        new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(1, Math.Clamp(options.MaxAttempts, 1, 10) - 1),
                ShouldHandle = args => ValueTask.FromResult(options.MaxAttempts > 1 && IsRetryable(args.Outcome.Exception)),
                // At least a millisecond: a zero delay would retry without waiting on the clock at all.
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(TimeSpan.FromMilliseconds(Math.Max(1, Delay(args.AttemptNumber + 1, (args.Outcome.Exception as NotificationDeliveryException)?.RetryAfter, options, Random.Shared.NextDouble()).TotalMilliseconds))),
                OnRetry = onRetry,
            })
            .AddTimeout(options.Timeout)
            .Build();

    /// <summary>The wait after failed attempt <paramref name="attempt"/> (1 for the first).</summary>
    internal static TimeSpan Delay(int attempt, TimeSpan? retryAfter, ExportNotificationOptions options, double random)
    {
        var max = options.MaxRetryDelay.TotalMilliseconds;
        if (retryAfter is { } wanted)
        {
            return TimeSpan.FromMilliseconds(Math.Clamp(wanted.TotalMilliseconds, 0, max));
        }

        var ceiling = Math.Min(max, options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
        return TimeSpan.FromMilliseconds(random * ceiling);
    }

    private static bool IsRetryable(Exception? exception) =>
        exception is NotificationDeliveryException { Retryable: true } or TimeoutRejectedException;
}
