namespace ExportJobs.Extensibility;

/// <summary>
/// A notification event waiting in the store's outbox until it is sent: written together with what it tells of (a run's
/// final state), claimed by one host at a time, deleted once sent.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Id"/> is the event's idempotency key: receivers see it on every attempt, so an event sent twice (a host
/// crashed after sending and before deleting it) can be recognised. A store keeps one message per id; adding a message
/// whose id is stored already leaves the stored one as it is.
/// </para>
/// <para>
/// <see cref="Payload"/> is the event's JSON text as every channel sends it; it never holds a secret (channel settings
/// are looked up when it is sent, not stored with it).
/// </para>
/// </remarks>
public sealed record ExportOutboxMessage
{
    /// <summary>The event's id and idempotency key; unique in the store.</summary>
    public required string Id { get; init; }

    /// <summary>The job the event is about.</summary>
    public required string JobId { get; init; }

    /// <summary>The run the event is about, when there is one.</summary>
    public string? RunId { get; init; }

    /// <summary>The event's type, for example <c>failed</c>, <c>recovered</c>, <c>autoPaused</c>, <c>succeeded</c>.</summary>
    public required string EventType { get; init; }

    /// <summary>The event's JSON payload, as sent.</summary>
    public required string Payload { get; init; }

    /// <summary>When the event happened; messages are claimed oldest first.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>How many times the message was claimed for sending (the claim that returned it included).</summary>
    public int Attempts { get; init; }

    /// <summary>The host that holds the message's claim, or <see langword="null"/> when nobody does.</summary>
    public string? ClaimedBy { get; init; }

    /// <summary>
    /// Until when <see cref="ClaimedBy"/> holds the claim; with no claimant, the earliest time the message may be claimed.
    /// <see langword="null"/>: claimable now.
    /// </summary>
    public DateTimeOffset? ClaimedUntil { get; init; }
}
