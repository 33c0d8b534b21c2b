using System.Threading.Channels;
using ExportJobs.Model;
using LiteDB;

namespace ExportJobs.Storage.LiteDb;

/// <summary>
/// Writes runs (inserts and updates) in group commits: runs that callers hand in while a commit is in progress go into
/// the next transaction together, in the order they came, and every caller's task completes only once its write is
/// committed.
/// </summary>
/// <remarks>
/// LiteDB pays most of an insert's cost per transaction (write-ahead log pages, snapshot, checkpoint), not per document.
/// Runs are opened by many concurrent requests and, at a busy minute boundary, by hundreds of scheduled runs at once, which
/// also end together; sharing one transaction among the writes waiting at that moment multiplies throughput without
/// making any caller wait for a timer: a lone caller commits alone and at once.
/// When any write of a batch fails (a run id that exists already, usually), the batch is rolled back and its writes are
/// done one by one, so that one bad run never fails the others.
/// Callers hand in the run itself: it is mapped to its document on the writer's thread, so that a caller (the scheduler
/// starting a thousand runs at a minute boundary, one after the other on its loop) pays only for queueing it.
/// </remarks>
internal sealed class LiteDbRunWriter : IDisposable
{
    private const int MaxBatch = 4096;
    private readonly LiteDatabase _database;
    private readonly ILiteCollection<BsonDocument> _runs;
    private readonly ILiteCollection<BsonDocument> _running;
    private readonly ILiteCollection<BsonDocument> _outbox;
    private readonly Channel<PendingRun> _queue = Channel.CreateUnbounded<PendingRun>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;
    private readonly Action<string> _committed;

    /// <param name="database">The database.</param>
    /// <param name="runs">The runs collection.</param>
    /// <param name="running">The collection of runs still running.</param>
    /// <param name="outbox">The notification outbox, written in the same transaction as the final runs that bring messages.</param>
    /// <param name="committed">Called with the job id of every write once it is committed (or failed), before its caller is answered.</param>
    public LiteDbRunWriter(LiteDatabase database, ILiteCollection<BsonDocument> runs, ILiteCollection<BsonDocument> running, ILiteCollection<BsonDocument> outbox, Action<string> committed)
    {
        _outbox = outbox;
        _committed = committed;
        _database = database;
        _runs = runs;
        _running = running;
        // Its own thread: each commit blocks for as long as LiteDB writes, which on a small machine would otherwise hold one
        // of the thread pool's few threads away from the runs it is recording.
        _loop = Task.Factory.StartNew(WriteLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public Task InsertAsync(ExportRun run, CancellationToken cancellationToken) => EnqueueAsync(run, insert: true, cancellationToken);

    /// <summary>Replaces a stored run; <see langword="false"/> when there is none with its id.</summary>
    public Task<bool> UpdateAsync(ExportRun run, CancellationToken cancellationToken) => EnqueueAsync(run, insert: false, cancellationToken);

    /// <summary>
    /// Replaces a stored run only while it is <c>running</c> with the same owner and epoch as <paramref name="run"/>
    /// (read and written in the batch's transaction); <see langword="false"/> otherwise.
    /// </summary>
    /// <param name="run">The final run.</param>
    /// <param name="outbox">Outbox messages written in the same transaction when, and only when, the run is (ids stored already are left alone).</param>
    /// <param name="cancellationToken">Stops the wait, not the write.</param>
    public Task<bool> CompleteAsync(ExportRun run, IReadOnlyList<BsonDocument>? outbox, CancellationToken cancellationToken) =>
        EnqueueAsync(run, insert: false, cancellationToken, fenced: true, outbox);

    private Task<bool> EnqueueAsync(ExportRun run, bool insert, CancellationToken cancellationToken, bool fenced = false, IReadOnlyList<BsonDocument>? outbox = null)
    {
        var pending = new PendingRun(run, insert) { Fenced = fenced, Outbox = outbox };
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(pending), this);

        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _loop.Wait(TimeSpan.FromSeconds(30));
    }

    private void WriteLoop()
    {
        var batch = new List<PendingRun>(MaxBatch);
        while (WaitForWrites())
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
                    Committed(pending);
                    pending.Completion.TrySetException(ex);
                }
            }

            batch.Clear();
        }
    }

    private bool WaitForWrites()
    {
        var ready = _queue.Reader.WaitToReadAsync();
        return ready.IsCompletedSuccessfully ? ready.Result : ready.AsTask().GetAwaiter().GetResult();
    }

    private void WriteBatch(List<PendingRun> batch)
    {
        try
        {
            _database.BeginTrans();
            foreach (var pending in batch)
            {
                pending.Result = Write(pending);
            }

            _database.Commit();
        }
        catch (Exception)
        {
            _database.Rollback();
            WriteOneByOne(batch);
            return;
        }

        foreach (var pending in batch)
        {
            Committed(pending);
            pending.Completion.TrySetResult(pending.Result);
        }
    }

    private void Committed(PendingRun pending) => _committed(pending.Run.JobId);

    private void WriteOneByOne(List<PendingRun> runs)
    {
        foreach (var pending in runs)
        {
            try
            {
                _database.BeginTrans();
                bool result;
                try
                {
                    result = Write(pending);
                    _database.Commit();
                }
                catch
                {
                    _database.Rollback();
                    throw;
                }

                Committed(pending);
                pending.Completion.TrySetResult(result);
            }
            catch (LiteException ex) when (ex.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
            {
                pending.Completion.TrySetException(LiteDbExportJobStore.DuplicateRun(pending.Run.Id, ex));
            }
            catch (Exception ex)
            {
                Committed(pending);
                pending.Completion.TrySetException(ex);
            }
        }
    }

    private bool Write(PendingRun pending)
    {
        var run = pending.Document ??= LiteDbMapper.FromRun(pending.Run);
        if (pending.Insert)
        {
            _runs.Insert(run);
            if (LiteDbMapper.IsRunning(run))
            {
                _running.Insert(LiteDbMapper.RunningEntry(run));
            }

            return true;
        }

        if (pending.Fenced && !IsHeld(_runs.FindById(run["_id"]), run))
        {
            return false;
        }

        if (!_runs.Update(run))
        {
            return false;
        }

        if (LiteDbMapper.IsRunning(run))
        {
            _running.Upsert(LiteDbMapper.RunningEntry(run));
        }
        else
        {
            _running.Delete(run["_id"]);
        }

        foreach (var message in pending.Outbox ?? [])
        {
            if (_outbox.FindById(message["_id"]) is null)
            {
                _outbox.Insert(message);
            }
        }

        return true;
    }

    private static bool IsHeld(BsonDocument? stored, BsonDocument run) =>
        stored is not null
        && LiteDbMapper.IsRunning(stored)
        && stored["owner"] == run["owner"]
        && (stored["epoch"].IsNull ? 0 : stored["epoch"].AsInt64) == run["epoch"].AsInt64;

    private sealed class PendingRun(ExportRun run, bool insert)
    {
        public bool Fenced { get; init; }

        public IReadOnlyList<BsonDocument>? Outbox { get; init; }

        public ExportRun Run { get; } = run;

        /// <summary>The run's document, mapped on the writer's thread at its first write (kept for a one-by-one retry).</summary>
        public BsonDocument? Document { get; set; }

        public bool Insert { get; } = insert;

        public bool Result { get; set; }

        public TaskCompletionSource<bool> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
