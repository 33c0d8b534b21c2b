using ExportJobs.Extensibility;
using ExportJobs.Model;
using LiteDB;

namespace ExportJobs.Storage.LiteDb;

/// <remarks>
/// The outbox is the <c>outbox</c> collection (created on first use, so a file of an earlier release opens as it is). A
/// final run's messages are written by the run writer in the transaction of the run. Claims, deletes and releases take
/// one lock of this process and one transaction each; the file belongs to one process, so that is the whole story.
/// </remarks>
public sealed partial class LiteDbExportJobStore
{
    private readonly Lock _outboxWrites = new();

    /// <inheritdoc/>
    public override bool SupportsOutbox => true;

    /// <inheritdoc/>
    /// <remarks>The fenced check, the run and the messages go in one transaction of the run writer.</remarks>
    public override Task<bool> CompleteRunAsync(ExportRun run, IReadOnlyList<ExportOutboxMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(messages);
        cancellationToken.ThrowIfCancellationRequested();
        return _runWriter.CompleteAsync(run, messages.Select(LiteDbOutboxMapper.FromMessage).ToArray(), cancellationToken);
    }

    /// <inheritdoc/>
    public override Task AddOutboxMessagesAsync(IReadOnlyList<ExportOutboxMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_outboxWrites)
        {
            InTransaction(() =>
            {
                foreach (var message in messages)
                {
                    var doc = LiteDbOutboxMapper.FromMessage(message);
                    if (_outbox.FindById(doc["_id"]) is null)
                    {
                        _outbox.Insert(doc);
                    }
                }

                return 0;
            });
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    /// <remarks>Reads the outbox in full (it holds only the events not sent yet) and updates the claimed messages in one transaction.</remarks>
    public override Task<IReadOnlyList<ExportOutboxMessage>> ClaimOutboxMessagesAsync(string owner, DateTimeOffset now, DateTimeOffset claimUntil, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_outboxWrites)
        {
            return Task.FromResult<IReadOnlyList<ExportOutboxMessage>>(InTransaction(() =>
            {
                var due = _outbox.FindAll()
                    .Where(doc => doc["claimedUntil"].IsNull || doc["claimedUntil"].AsInt64 <= now.UtcTicks)
                    .OrderBy(doc => doc["createdAt"].AsInt64)
                    .ThenBy(doc => doc["_id"].AsString, StringComparer.Ordinal)
                    .Take(maxCount)
                    .ToList();
                foreach (var doc in due)
                {
                    doc["claimedBy"] = owner;
                    doc["claimedUntil"] = claimUntil.UtcTicks;
                    doc["attempts"] = doc["attempts"].AsInt32 + 1;
                    _outbox.Update(doc);
                }

                return due.Select(LiteDbOutboxMapper.ToMessage).ToList();
            }));
        }
    }

    /// <inheritdoc/>
    public override Task<bool> DeleteOutboxMessageAsync(string messageId, string owner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        ArgumentNullException.ThrowIfNull(owner);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_outboxWrites)
        {
            return Task.FromResult(InTransaction(() =>
                IsClaimedBy(_outbox.FindById(messageId), owner) && _outbox.Delete(messageId)));
        }
    }

    /// <inheritdoc/>
    public override Task<bool> ReleaseOutboxMessageAsync(string messageId, string owner, DateTimeOffset retryAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        ArgumentNullException.ThrowIfNull(owner);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_outboxWrites)
        {
            return Task.FromResult(InTransaction(() =>
            {
                var doc = _outbox.FindById(messageId);
                if (!IsClaimedBy(doc, owner))
                {
                    return false;
                }

                doc["claimedBy"] = BsonValue.Null;
                doc["claimedUntil"] = retryAt.UtcTicks;
                return _outbox.Update(doc);
            }));
        }
    }

    private static bool IsClaimedBy([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] BsonDocument? doc, string owner) =>
        doc is not null && !doc["claimedBy"].IsNull && string.Equals(doc["claimedBy"].AsString, owner, StringComparison.Ordinal);
}
