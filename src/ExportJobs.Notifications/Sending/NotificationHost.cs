namespace ExportJobs.Notifications.Sending;

/// <summary>
/// This host's name as the claimant of outbox messages, and the runs whose messages the runner wrote (so that the
/// observer knows which runs it must still write messages for).
/// </summary>
/// <remarks>
/// The id is <c>machine:pid:</c> and a random part, unique per container: two hosts in one process (tests) are two
/// claimants, as two processes are.
/// </remarks>
internal sealed class NotificationHost
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _recorded = new(StringComparer.Ordinal);

    public string Id { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>The runner is writing the final state of this run with its messages.</summary>
    public void Recorded(string runId) => _recorded[runId] = 0;

    /// <summary>Whether the runner wrote this run's final state (once per run: the entry is removed).</summary>
    public bool Forget(string runId) => _recorded.TryRemove(runId, out _);
}
