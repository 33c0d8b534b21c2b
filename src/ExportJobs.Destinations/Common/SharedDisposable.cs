namespace ExportJobs.Destinations.Common;

/// <summary>
/// A disposable shared by its owner and any number of users, disposed when the last of them let go: the owner's
/// <see cref="Release"/> (at host disposal) does not pull it from under a delivery that still holds a reference.
/// </summary>
/// <remarks>The s3 destination's HTTP handler: every leased client holds a reference until its delivery ended.</remarks>
/// <typeparam name="T">The shared value.</typeparam>
internal sealed class SharedDisposable<T>(T value)
    where T : class, IDisposable
{
    private int _references = 1;
    private int _ownerReleased;

    public T Value => value;

    /// <summary>Whether the value was disposed (a test seam).</summary>
    public bool IsDisposed => Volatile.Read(ref _references) == 0;

    /// <summary>Takes a reference for a user; dispose it to let go. Throws once the value was disposed.</summary>
    public IDisposable Acquire()
    {
        while (true)
        {
            var references = Volatile.Read(ref _references);
            ObjectDisposedException.ThrowIf(references == 0, value);
            if (Interlocked.CompareExchange(ref _references, references + 1, references) == references)
            {
                return new Reference(this);
            }
        }
    }

    /// <summary>Lets go of the owner's reference (once; later calls do nothing).</summary>
    public void Release()
    {
        if (Interlocked.Exchange(ref _ownerReleased, 1) == 0)
        {
            Decrement();
        }
    }

    private void Decrement()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            value.Dispose();
        }
    }

    private sealed class Reference(SharedDisposable<T> owner) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Decrement();
            }
        }
    }
}
