using ExportJobs.Extensibility;
using LiteDB;

namespace ExportJobs.Storage.LiteDb;

/// <summary>Outbox messages to and from documents of the <c>outbox</c> collection; instants are UTC ticks, as in <see cref="LiteDbMapper"/>.</summary>
internal static class LiteDbOutboxMapper
{
    public static BsonDocument FromMessage(ExportOutboxMessage message) => new()
    {
        ["_id"] = message.Id,
        ["jobId"] = message.JobId,
        ["runId"] = message.RunId,
        ["event"] = message.EventType,
        ["payload"] = message.Payload,
        ["createdAt"] = message.CreatedAt.UtcTicks,
        ["attempts"] = message.Attempts,
        ["claimedBy"] = message.ClaimedBy,
        ["claimedUntil"] = message.ClaimedUntil is { } until ? until.UtcTicks : BsonValue.Null,
    };

    public static ExportOutboxMessage ToMessage(BsonDocument doc) => new()
    {
        Id = doc["_id"].AsString,
        JobId = doc["jobId"].AsString,
        RunId = doc["runId"].IsNull ? null : doc["runId"].AsString,
        EventType = doc["event"].AsString,
        Payload = doc["payload"].AsString,
        CreatedAt = new DateTimeOffset(doc["createdAt"].AsInt64, TimeSpan.Zero),
        Attempts = doc["attempts"].AsInt32,
        ClaimedBy = doc["claimedBy"].IsNull ? null : doc["claimedBy"].AsString,
        ClaimedUntil = doc["claimedUntil"].IsNull ? null : new DateTimeOffset(doc["claimedUntil"].AsInt64, TimeSpan.Zero),
    };
}
