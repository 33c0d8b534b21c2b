using ExportJobs.Model;

namespace ExportJobs.Extensibility;

/// <summary>The notification outbox: events written with the state they tell of, claimed by one host, deleted once sent.</summary>
/// <remarks>
/// <para>
/// Why an outbox: an event kept only in memory is lost when the host stops between recording a run and sending the
/// notification. A message written in the same transaction as the run's final state exists exactly when that state
/// does; a message claimed by a host that then dies becomes claimable again when its claim lapses, so every event is sent
/// at least once (receivers tell repeats apart by <see cref="ExportOutboxMessage.Id"/>). With several hosts, a claim is
/// held by one host at a time, so one host sends each event.
/// </para>
/// <para>
/// A provider that keeps an outbox overrides every member here and returns <see langword="true"/> from
/// <see cref="SupportsOutbox"/>; the conformance suite (<c>ExportJobStoreConformanceTests.Outbox</c>) is the contract.
/// The defaults keep no outbox: <see cref="CompleteRunAsync(ExportRun, IReadOnlyList{ExportOutboxMessage}, CancellationToken)"/>
/// writes the run and then adds the messages in a second step (not atomic), and adding throws
/// <see cref="NotSupportedException"/>.
/// </para>
/// </remarks>
public abstract partial class ExportJobStore
{
    /// <summary>Whether this store keeps a notification outbox (the members below are implemented).</summary>
    public virtual bool SupportsOutbox => false;

    /// <summary>
    /// Records a run's final state as <see cref="CompleteRunAsync(ExportRun, CancellationToken)"/> does and, in the same
    /// transaction, adds <paramref name="messages"/> to the outbox: both are written, or neither.
    /// </summary>
    /// <param name="run">The final run, with the owner and epoch it was opened with.</param>
    /// <param name="messages">The events the final state causes; may be empty. Each is stored as given (a message may be written already claimed by its writer).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="false"/> when the run is unknown, ended already, or belongs to another owner or epoch: nothing was written, no message either.</returns>
    public virtual async Task<bool> CompleteRunAsync(ExportRun run, IReadOnlyList<ExportOutboxMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (!await CompleteRunAsync(run, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        if (messages.Count > 0)
        {
            await AddOutboxMessagesAsync(messages, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Adds messages to the outbox; a message whose id is stored already is left as stored.</summary>
    /// <param name="messages">The messages, stored as given.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="NotSupportedException">The store keeps no outbox (the default).</exception>
    public virtual Task AddOutboxMessagesAsync(IReadOnlyList<ExportOutboxMessage> messages, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"The store {GetType().Name} keeps no notification outbox; notifications need a store that does (LiteDB, PostgreSQL).");

    /// <summary>
    /// Claims at most <paramref name="maxCount"/> messages, oldest first (by <see cref="ExportOutboxMessage.CreatedAt"/>,
    /// then id), that nobody holds at <paramref name="now"/>: <see cref="ExportOutboxMessage.ClaimedUntil"/> is null or
    /// not after <paramref name="now"/>. Each gets <paramref name="owner"/> as claimant until <paramref name="claimUntil"/>
    /// and one more attempt, and is returned as stored afterwards.
    /// </summary>
    /// <param name="owner">The host that claims.</param>
    /// <param name="now">The claim's time.</param>
    /// <param name="claimUntil">Until when the claim holds; after it another host may claim the message.</param>
    /// <param name="maxCount">The most messages to claim; at least 1.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <remarks>Of several hosts claiming at once, each message goes to one. The default claims nothing.</remarks>
    public virtual Task<IReadOnlyList<ExportOutboxMessage>> ClaimOutboxMessagesAsync(string owner, DateTimeOffset now, DateTimeOffset claimUntil, int maxCount, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ExportOutboxMessage>>([]);

    /// <summary>Deletes a sent message, but only while <paramref name="owner"/> is its claimant.</summary>
    /// <param name="messageId">The message's id.</param>
    /// <param name="owner">The host that sent it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="false"/> when the message is unknown or claimed by another host (nothing deleted).</returns>
    /// <remarks>The default deletes nothing.</remarks>
    public virtual Task<bool> DeleteOutboxMessageAsync(string messageId, string owner, CancellationToken cancellationToken = default) =>
        Task.FromResult(false);

    /// <summary>
    /// Gives up <paramref name="owner"/>'s claim on a message, so that any host may claim it from
    /// <paramref name="retryAt"/> on (for example a host that stops before it could send it).
    /// </summary>
    /// <param name="messageId">The message's id.</param>
    /// <param name="owner">The host that holds the claim.</param>
    /// <param name="retryAt">The earliest time the message may be claimed again.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="false"/> when the message is unknown or claimed by another host (nothing changed).</returns>
    /// <remarks>The default changes nothing.</remarks>
    public virtual Task<bool> ReleaseOutboxMessageAsync(string messageId, string owner, DateTimeOffset retryAt, CancellationToken cancellationToken = default) =>
        Task.FromResult(false);
}
