using ExportJobs.Extensibility;
using ExportJobs.Notifications.Channels;
using ExportJobs.Notifications.Events;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace ExportJobs.Notifications.Sending;

/// <summary>
/// Sends the outbox: claims due messages (at most <see cref="ExportNotificationOptions.MaxConcurrentSends"/> at a time),
/// sends each to every channel of its job that wants its event through <see cref="NotificationRetryPipeline"/>, and
/// deletes it once every channel accepted it or was given up (logged and counted). Woken at once by this host's news,
/// and every <see cref="ExportNotificationOptions.PollInterval"/> for the rest.
/// </summary>
/// <remarks>
/// Never on a run's path: runs only write messages. At shutdown no new message is claimed; those being sent go on until
/// the host's shutdown timeout, and whatever is cut short is released at once for another host (or the next start).
/// </remarks>
internal sealed partial class NotificationOutboxSender : BackgroundService
{
    private readonly ExportJobStore _store;
    private readonly NotificationPlanner _planner;
    private readonly NotificationHost _host;
    private readonly Dictionary<string, INotificationSender> _senders;
    private readonly IOptionsMonitor<ExportNotificationOptions> _options;
    private readonly TimeProvider _time;
    private readonly NotificationActivity _activity;
    private readonly NotificationMetrics _metrics;
    private readonly ILogger<NotificationOutboxSender> _logger;
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _abort = new();
    private ResiliencePipeline? _pipeline;

    public NotificationOutboxSender(
        ExportJobStore store,
        NotificationPlanner planner,
        NotificationHost host,
        IEnumerable<INotificationSender> senders,
        IOptionsMonitor<ExportNotificationOptions> options,
        TimeProvider time,
        NotificationActivity activity,
        NotificationMetrics metrics,
        ILogger<NotificationOutboxSender> logger)
    {
        _store = store;
        _planner = planner;
        _host = host;
        _senders = senders.ToDictionary(s => s.Type, StringComparer.Ordinal);
        _options = options;
        _time = time;
        _activity = activity;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>Looks at the outbox now (this host has news).</summary>
    public void Wake() => Volatile.Read(ref _wake).TrySetResult();

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // The host's shutdown timeout ends the sends that are still going on.
        await using var abort = cancellationToken.Register(_abort.Cancel);
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        _abort.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_store.SupportsOutbox)
        {
            LogNoOutbox(_store.GetType().Name);
            return;
        }

        var options = _options.CurrentValue;
        _pipeline = NotificationRetryPipeline.Create(options, new ObservedTimeProvider(_time, _activity), OnRetryAsync);
        while (!stoppingToken.IsCancellationRequested)
        {
            // A new signal before each claim: news that comes after it wakes the wait below, news before it is claimed now.
            var woken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _wake, woken);
            IReadOnlyList<ExportOutboxMessage> batch;
            try
            {
                var now = _time.GetUtcNow();
                batch = await _store.ClaimOutboxMessagesAsync(_host.Id, now, now + options.ClaimDuration, Math.Clamp(options.MaxConcurrentSends, 1, 64), stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogClaimFailed(ex);
                batch = [];
            }

            if (batch.Count == 0)
            {
                await WaitAsync(woken.Task, options.PollInterval, stoppingToken).ConfigureAwait(false);
                continue;
            }

            await Task.WhenAll(batch.Select(SendAsync)).ConfigureAwait(false);
        }
    }

    private async Task WaitAsync(Task woken, TimeSpan pollInterval, CancellationToken stoppingToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var poll = Task.Delay(pollInterval, _time, wait.Token);
        await Task.WhenAny(woken, poll, Task.Delay(Timeout.Infinite, wait.Token)).ConfigureAwait(false);
        await wait.CancelAsync().ConfigureAwait(false);
    }

    private async Task SendAsync(ExportOutboxMessage message)
    {
        var abort = _abort.Token;
        try
        {
            var notification = NotificationPayload.Read(message.Payload);
            var job = await _store.GetJobAsync(message.JobId, abort).ConfigureAwait(false);
            var channels = _planner.ChannelsOf(job).Where(c => c.Wants(message.EventType)).ToList();
            await Task.WhenAll(channels.Select(c => SendToAsync(c, message, notification, abort))).ConfigureAwait(false);
            await _store.DeleteOutboxMessageAsync(message.Id, _host.Id, CancellationToken.None).ConfigureAwait(false);
            _activity.Record("done", message.Id);
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            await ReleaseAsync(message).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The store failed (reading the job, deleting the message): the claim lapses and the message is sent again.
            LogSendFailed(ex, message.Id, message.JobId);
        }
    }

    private async Task SendToAsync(NotificationChannel channel, ExportOutboxMessage message, NotificationEvent notification, CancellationToken abort)
    {
        var described = channel.Describe();
        if (!_senders.TryGetValue(channel.Type, out var sender))
        {
            GiveUp(channel, message, $"no sender for channel type '{channel.Type}'", 0);
            return;
        }

        var attempt = 0;
        var context = ResilienceContextPool.Shared.Get(abort);
        context.Properties.Set(Keys.Message, message.Id);
        context.Properties.Set(Keys.Channel, described);
        try
        {
            await _pipeline!.ExecuteAsync(
                async ctx => await sender.SendAsync(channel, notification, message.Payload, ++attempt, ctx.CancellationToken).ConfigureAwait(false),
                context).ConfigureAwait(false);
            _metrics.Delivered(message.EventType, channel.Type);
            _activity.Record("delivered", message.Id, described);
            LogDelivered(message.EventType, message.Id, message.JobId, described, attempt);
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            GiveUp(channel, message, Safe(ex), attempt);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private void GiveUp(NotificationChannel channel, ExportOutboxMessage message, string failure, int attempts)
    {
        var described = channel.Describe();
        _metrics.Failed(message.EventType, channel.Type);
        _activity.Record("gaveUp", message.Id, described, failure);
        LogGaveUp(message.EventType, message.Id, message.JobId, described, attempts, failure);
    }

    private ValueTask OnRetryAsync(OnRetryArguments<object> args)
    {
        var id = args.Context.Properties.GetValue(Keys.Message, "?");
        var channel = args.Context.Properties.GetValue(Keys.Channel, "?");
        var failure = args.Outcome.Exception is { } ex ? Safe(ex) : "failed";
        LogRetrying(id, channel, failure, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds);
        _activity.Record("retrying", id, channel, failure);
        return ValueTask.CompletedTask;
    }

    private async Task ReleaseAsync(ExportOutboxMessage message)
    {
        try
        {
            await _store.ReleaseOutboxMessageAsync(message.Id, _host.Id, _time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
            _activity.Record("released", message.Id);
        }
        catch (Exception ex)
        {
            LogSendFailed(ex, message.Id, message.JobId);
        }
    }

    /// <summary>What may be logged of a failure: the channels' own messages name no secret; anything else only by its type.</summary>
    private static string Safe(Exception ex) => ex switch
    {
        NotificationDeliveryException delivery => delivery.Message,
        Polly.Timeout.TimeoutRejectedException => "the attempt timed out",
        _ => ex.GetType().Name,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "The store {Store} keeps no notification outbox; no notification is sent. Use a store that does (LiteDB, PostgreSQL).")]
    private partial void LogNoOutbox(string store);

    [LoggerMessage(Level = LogLevel.Error, Message = "Claiming notifications from the outbox failed; trying again later.")]
    private partial void LogClaimFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending notification {MessageId} of job {JobId} failed in the store; it is sent again once its claim lapses.")]
    private partial void LogSendFailed(Exception exception, string messageId, string jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {Event} {MessageId} of job {JobId} delivered to {Channel} on attempt {Attempt}.")]
    private partial void LogDelivered(string @event, string messageId, string jobId, string channel, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {MessageId} to {Channel}: {Failure} on attempt {Attempt}; retrying in {DelayMs:0} ms.")]
    private partial void LogRetrying(string messageId, string channel, string failure, int attempt, double delayMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Notification {Event} {MessageId} of job {JobId} was not delivered to {Channel}; gave up after {Attempts} attempt(s): {Failure}")]
    private partial void LogGaveUp(string @event, string messageId, string jobId, string channel, int attempts, string failure);

    private static class Keys
    {
        public static readonly ResiliencePropertyKey<string> Message = new("exportjobs.notification");
        public static readonly ResiliencePropertyKey<string> Channel = new("exportjobs.channel");
    }
}
