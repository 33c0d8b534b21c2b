using LiteDB;

namespace ExportJobs.Storage.LiteDb;

public sealed partial class LiteDbExportJobStore
{
    /// <inheritdoc/>
    public override Task<bool> TryClaimOccurrenceAsync(string jobId, DateTimeOffset occurrence, string owner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        cancellationToken.ThrowIfCancellationRequested();
        var claim = new BsonDocument
        {
            ["_id"] = LiteDbKeys.ClaimId(jobId, occurrence),
            ["jobId"] = jobId,
            ["occurrence"] = occurrence.UtcTicks,
            ["owner"] = owner,
        };
        try
        {
            _claims.Insert(claim);
            return Task.FromResult(true);
        }
        catch (LiteException ex) when (ex.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
        {
            return Task.FromResult(false);
        }
    }

    /// <inheritdoc/>
    public override Task<DateTimeOffset?> GetLastClaimedOccurrenceAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        cancellationToken.ThrowIfCancellationRequested();
        var last = _claims.Query()
            .Where(Query.Between("_id", LiteDbKeys.JobLow(jobId), LiteDbKeys.JobHigh(jobId)))
            .OrderByDescending("_id")
            .Limit(1)
            .FirstOrDefault();
        DateTimeOffset? result = last is null ? null : new DateTimeOffset(last["occurrence"].AsInt64, TimeSpan.Zero);
        return Task.FromResult(result);
    }
}
