using ExportJobs.Extensibility;
using LiteDB;

namespace ExportJobs.Storage.LiteDb;

public sealed partial class LiteDbExportJobStore
{
    /// <inheritdoc/>
    public override Task<bool> TryClaimOccurrenceAsync(string jobId, DateTimeOffset occurrence, string owner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            _claims.Insert(ClaimDocument(LiteDbKeys.ClaimId(jobId, occurrence), jobId, occurrence, owner));
            return Task.FromResult(true);
        }
        catch (LiteException ex) when (ex.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
        {
            return Task.FromResult(false);
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// All in one transaction: an occurrence already claimed is found by its key and lost, the others are inserted, and the
    /// transaction commits once. Should an insert still meet a duplicate key, the transaction is rolled back and the
    /// occurrences are claimed one by one.
    /// </remarks>
    public override async Task<IReadOnlyList<bool>> TryClaimOccurrencesAsync(IReadOnlyList<ExportOccurrence> occurrences, string owner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(occurrences);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return InTransaction(() =>
            {
                var won = new bool[occurrences.Count];
                for (var i = 0; i < won.Length; i++)
                {
                    var (jobId, occurrence) = occurrences[i];
                    var id = LiteDbKeys.ClaimId(jobId, occurrence);
                    if (_claims.FindById(id) is null)
                    {
                        _claims.Insert(ClaimDocument(id, jobId, occurrence, owner));
                        won[i] = true;
                    }
                }

                return won;
            });
        }
        catch (LiteException ex) when (ex.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
        {
            return await base.TryClaimOccurrencesAsync(occurrences, owner, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public override Task<DateTimeOffset?> GetLastClaimedOccurrenceAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        cancellationToken.ThrowIfCancellationRequested();
        var last = _claims.Query()
            .Where(LiteDbQueries.Between("_id", LiteDbKeys.JobLow(jobId), LiteDbKeys.JobHigh(jobId)))
            .OrderByDescending("_id")
            .Limit(1)
            .FirstOrDefault();
        DateTimeOffset? result = last is null ? null : new DateTimeOffset(last["occurrence"].AsInt64, TimeSpan.Zero);
        return Task.FromResult(result);
    }

    private static BsonDocument ClaimDocument(string id, string jobId, DateTimeOffset occurrence, string owner) => new()
    {
        ["_id"] = id,
        ["jobId"] = jobId,
        ["occurrence"] = occurrence.UtcTicks,
        ["owner"] = owner,
    };
}
