using System.Runtime.ExceptionServices;

namespace ExportJobs.Destinations.Common;

/// <summary>Uploads the parts or blocks of a file with several in flight: prepared one after another, sent concurrently.</summary>
internal static class InFlight
{
    /// <summary>
    /// For each index in order, awaits a free slot (at most <paramref name="maxConcurrency"/> uploads in flight), runs
    /// <paramref name="prepare"/> (sequential: reading and hashing the part) and starts the upload it returns. The first
    /// failure cancels the others and the remaining preparation, waits for everything started, and is rethrown.
    /// </summary>
    /// <remarks>Nothing is buffered here: each upload reads its own window of the spool file, so memory does not grow with concurrency beyond the SDK's per-request buffers.</remarks>
    public static Task ForEachAsync(int count, int maxConcurrency, Func<int, CancellationToken, Task<Func<CancellationToken, Task>>> prepare, CancellationToken cancellationToken) =>
        ForEachAsync(
            maxConcurrency,
            async (index, token) => index < count ? await prepare(index, token).ConfigureAwait(false) : null,
            cancellationToken);

    /// <summary>
    /// As <see cref="ForEachAsync(int, int, Func{int, CancellationToken, Task{Func{CancellationToken, Task}}}, CancellationToken)"/>
    /// for a file whose number of parts is not known up front (it is still being written): indexes go on until
    /// <paramref name="prepare"/> returns <see langword="null"/>. A slot is taken before each preparation, so while
    /// <paramref name="prepare"/> waits for its part to be written, at most <paramref name="maxConcurrency"/> - 1
    /// uploads are in flight: never more than <paramref name="maxConcurrency"/> windows open at once.
    /// </summary>
    public static async Task ForEachAsync(int maxConcurrency, Func<int, CancellationToken, Task<Func<CancellationToken, Task>?>> prepare, CancellationToken cancellationToken)
    {
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var slots = new SemaphoreSlim(maxConcurrency, maxConcurrency);
        var running = new List<Task>();
        Exception? first = null;

        void Fail(Exception ex)
        {
            Interlocked.CompareExchange(ref first, ex, null);
            try
            {
                failed.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Everything already finished.
            }
        }

        async Task RunAsync(Func<CancellationToken, Task> upload)
        {
            try
            {
                await upload(failed.Token).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                Fail(ex);
            }
            finally
            {
                slots.Release();
            }
        }

        try
        {
            for (var index = 0; ; index++)
            {
                await slots.WaitAsync(failed.Token).ConfigureAwait(false);
                Func<CancellationToken, Task>? upload;
                try
                {
                    upload = await prepare(index, failed.Token).ConfigureAwait(false);
                }
                catch
                {
                    slots.Release();
                    throw;
                }

                if (upload is null)
                {
                    slots.Release();
                    break;
                }

                running.Add(RunAsync(upload));
            }
        }
        catch (Exception ex)
        {
            Fail(ex);
        }

        // RunAsync never throws: this waits for every upload started, whatever happened.
        await Task.WhenAll(running).ConfigureAwait(false);
        if (first is not null)
        {
            ExceptionDispatchInfo.Throw(first);
        }
    }
}
