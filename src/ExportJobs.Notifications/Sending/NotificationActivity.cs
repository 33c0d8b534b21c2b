namespace ExportJobs.Notifications.Sending;

/// <summary>
/// What the sender did, newest last (bounded): the seam tests await instead of sleeping (an attempt failed and a retry
/// waits; an event was delivered to a channel, or given up; a message was done).
/// </summary>
internal sealed class NotificationActivity
{
    private const int Capacity = 10_000;
    private readonly List<Entry> _entries = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Record(string kind, string messageId, string? channel = null, string? detail = null)
    {
        TaskCompletionSource changed;
        lock (_entries)
        {
            if (_entries.Count == Capacity)
            {
                _entries.RemoveAt(0);
            }

            _entries.Add(new Entry(kind, messageId, channel, detail));
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.SetResult();
    }

    public IReadOnlyList<Entry> Snapshot()
    {
        lock (_entries)
        {
            return [.. _entries];
        }
    }

    /// <summary>Completes once <paramref name="condition"/> holds for the entries so far; fails after <paramref name="timeout"/> naming <paramref name="what"/>.</summary>
    public async Task WaitForAsync(Func<IReadOnlyList<Entry>, bool> condition, string what, TimeSpan timeout, CancellationToken stop = default)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stop);
        cancel.CancelAfter(timeout);
        while (true)
        {
            Task changed;
            List<Entry> entries;
            lock (_entries)
            {
                entries = [.. _entries];
                changed = _changed.Task;
            }

            // Outside the lock: a condition may look at another host's activity.
            if (condition(entries))
            {
                return;
            }

            try
            {
                await changed.WaitAsync(cancel.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!stop.IsCancellationRequested)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0} s for {what}; the sender did: {string.Join(", ", Snapshot().Select(e => $"{e.Kind} {e.MessageId} {e.Channel}"))}.");
            }
        }
    }

    /// <param name="Kind"><c>retrying</c>, <c>delivered</c>, <c>gaveUp</c>, <c>done</c>, <c>released</c>.</param>
    /// <param name="MessageId">The event's id.</param>
    /// <param name="Channel">The channel, as logs show it.</param>
    /// <param name="Detail">The failure, for <c>retrying</c> and <c>gaveUp</c>.</param>
    internal sealed record Entry(string Kind, string MessageId, string? Channel, string? Detail);
}
