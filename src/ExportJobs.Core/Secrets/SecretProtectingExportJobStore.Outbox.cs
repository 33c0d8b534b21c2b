using ExportJobs.Extensibility;
using ExportJobs.Model;

namespace ExportJobs.Secrets;

/// <summary>The notification outbox: messages hold no secrets (channel settings are read when sending), so they pass through.</summary>
internal sealed partial class SecretProtectingExportJobStore
{
    public override bool SupportsOutbox => inner.SupportsOutbox;

    public override Task<bool> CompleteRunAsync(ExportRun run, IReadOnlyList<ExportOutboxMessage> messages, CancellationToken cancellationToken = default) =>
        inner.CompleteRunAsync(run, messages, cancellationToken);

    public override Task AddOutboxMessagesAsync(IReadOnlyList<ExportOutboxMessage> messages, CancellationToken cancellationToken = default) =>
        inner.AddOutboxMessagesAsync(messages, cancellationToken);

    public override Task<IReadOnlyList<ExportOutboxMessage>> ClaimOutboxMessagesAsync(string owner, DateTimeOffset now, DateTimeOffset claimUntil, int maxCount, CancellationToken cancellationToken = default) =>
        inner.ClaimOutboxMessagesAsync(owner, now, claimUntil, maxCount, cancellationToken);

    public override Task<bool> DeleteOutboxMessageAsync(string messageId, string owner, CancellationToken cancellationToken = default) =>
        inner.DeleteOutboxMessageAsync(messageId, owner, cancellationToken);

    public override Task<bool> ReleaseOutboxMessageAsync(string messageId, string owner, DateTimeOffset retryAt, CancellationToken cancellationToken = default) =>
        inner.ReleaseOutboxMessageAsync(messageId, owner, retryAt, cancellationToken);
}
