using System.Threading.Channels;
using LiteDB;

namespace ExportJobs.Storage.LiteDb;

/// <summary>
/// Inserts runs in group commits: runs that callers add while a commit is in progress go into the next transaction
/// together, and every caller's task completes only once its run is committed.
/// </summary>
/// <remarks>
/// LiteDB pays most of an insert's cost per transaction (write-ahead log pages, snapshot, checkpoint), not per document.
/// Runs are recorded by many concurrent requests, so sharing one transaction among the runs waiting at that moment
/// multiplies throughput without making any caller wait for a timer: a lone caller commits alone and at once.
/// When any insert of a batch fails (a run id that exists already, usually), the batch is rolled back and its runs are
/// inserted one by one, so that one bad run never fails the others.
/// </remarks>
internal sealed class LiteDbRunWriter : IDisposable
{
    private const int MaxBatch = 512;
    private readonly LiteDatabase _database;
    private readonly ILiteCollection<BsonDocument> _runs;
    private readonly ILiteCollection<BsonDocument> _running;
    private readonly Channel<PendingRun> _queue = Channel.CreateUnbounded<PendingRun>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    public LiteDbRunWriter(LiteDatabase database, ILiteCollection<BsonDocument> runs, ILiteCollection<BsonDocument> running)
    {
        _database = database;
        _runs = runs;
        _running = running;
        _loop = Task.Run(WriteLoopAsync);
    }

    public Task InsertAsync(BsonDocument run, CancellationToken cancellationToken)
    {
        var pending = new PendingRun(run);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(pending), this);

        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _loop.Wait(TimeSpan.FromSeconds(30));
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingRun>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            try
            {
                WriteBatch(batch);
            }
            catch (Exception ex)
            {
                // Never let the loop die: callers would wait forever. Fail this batch and go on with the next.
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetException(ex);
                }
            }

            batch.Clear();
        }
    }

    private void WriteBatch(List<PendingRun> batch)
    {
        try
        {
            _database.BeginTrans();
            foreach (var pending in batch)
            {
                Insert(pending.Document);
            }

            _database.Commit();
        }
        catch (Exception)
        {
            _database.Rollback();
            InsertOneByOne(batch);
            return;
        }

        foreach (var pending in batch)
        {
            pending.Completion.TrySetResult();
        }
    }

    private void InsertOneByOne(List<PendingRun> runs)
    {
        foreach (var pending in runs)
        {
            try
            {
                _database.BeginTrans();
                try
                {
                    Insert(pending.Document);
                    _database.Commit();
                }
                catch
                {
                    _database.Rollback();
                    throw;
                }

                pending.Completion.TrySetResult();
            }
            catch (LiteException ex) when (ex.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
            {
                pending.Completion.TrySetException(LiteDbExportJobStore.DuplicateRun(pending.Document["_id"].AsString, ex));
            }
            catch (Exception ex)
            {
                pending.Completion.TrySetException(ex);
            }
        }
    }

    private void Insert(BsonDocument run)
    {
        _runs.Insert(run);
        if (LiteDbMapper.IsRunning(run))
        {
            _running.Insert(LiteDbMapper.RunningEntry(run));
        }
    }

    private sealed class PendingRun(BsonDocument document)
    {
        public BsonDocument Document { get; } = document;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
