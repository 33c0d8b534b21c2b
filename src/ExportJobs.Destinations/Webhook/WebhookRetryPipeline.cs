using Polly;
using Polly.Retry;

namespace ExportJobs.Destinations.Webhook;

/// <summary>
/// The retries of a webhook delivery as a Polly v8 pipeline (the notifications package's channels use the same shape):
/// attempts that throw <see cref="WebhookAttemptFailedException"/> are retried, up to
/// <see cref="WebhookDestinationOptions.MaxAttempts"/> in all, after <see cref="WebhookDestination.RetryDelay"/>:
/// exponential backoff with full jitter, or the receiver's <c>Retry-After</c>, capped at
/// <see cref="WebhookDestinationOptions.MaxRetryDelay"/>. Waits run on the host's <see cref="TimeProvider"/>.
/// </summary>
internal static class WebhookRetryPipeline
{
    public static ResiliencePipeline Create(int attempts, WebhookDestinationOptions host, TimeProvider time, Func<OnRetryArguments<object>, ValueTask> onRetry) =>
        new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                // Polly needs at least one retry configured; with one attempt nothing is handled.
                MaxRetryAttempts = Math.Max(1, attempts - 1),
                ShouldHandle = args => ValueTask.FromResult(attempts > 1 && args.Outcome.Exception is WebhookAttemptFailedException),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    WebhookDestination.RetryDelay(args.AttemptNumber + 1, (args.Outcome.Exception as WebhookAttemptFailedException)?.RetryAfter, host)),
                OnRetry = onRetry,
            })
            .Build();
}
