namespace ExportJobs.Destinations.Common;

/// <summary>
/// SDK clients of one destination type, one per distinct endpoint + credential set, so that deliveries reuse a client
/// (and its connections) instead of building one each time.
/// </summary>
/// <remarks>
/// Entries are keyed by a SHA-256 of the settings that shape the client (<see cref="ClientKey.Of"/>), so the key holds no
/// secret in clear and is never logged. At most <see cref="Capacity"/> entries are kept (least recently used evicted
/// first). A job that delivers with a different key (its settings changed) lets go of its old entry, which is evicted
/// once no other job uses it. An evicted entry is disposed when its last lease is returned, so a delivery in flight
/// never loses its client; disposing the cache disposes every entry once its leases are returned.
/// </remarks>
/// <typeparam name="TClient">The cached client; disposed on eviction when it is <see cref="IDisposable"/>.</typeparam>
internal sealed class ClientCache<TClient> : IDisposable
    where TClient : class
{
    public const int DefaultCapacity = 16;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _keyOfOwner = new(StringComparer.Ordinal);
    private long _clock;
    private int _created;
    private int _disposed;
    private bool _isDisposed;

    public ClientCache(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    public int Capacity { get; }

    /// <summary>Clients built so far (a test seam: reuse shows as no increase).</summary>
    public int Created => Volatile.Read(ref _created);

    /// <summary>Clients disposed so far.</summary>
    public int Disposed => Volatile.Read(ref _disposed);

    /// <summary>Entries currently cached.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Leases the client for <paramref name="key"/>, building it with <paramref name="create"/> when none is cached.</summary>
    /// <param name="owner">Who uses it (the job's id): when an owner comes back with another key, its old entry is let go.</param>
    /// <param name="key">From <see cref="ClientKey.Of"/>.</param>
    /// <param name="create">Builds the client.</param>
    public Lease Rent(string owner, string key, Func<TClient> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        var toDispose = new List<Entry>();
        Entry entry;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_isDisposed, this);
            if (_keyOfOwner.TryGetValue(owner, out var previous) && previous != key && _entries.TryGetValue(previous, out var old))
            {
                old.Owners.Remove(owner);
                if (old.Owners.Count == 0)
                {
                    Evict(old, toDispose);
                }
            }

            _keyOfOwner[owner] = key;
            if (!_entries.TryGetValue(key, out entry!))
            {
                entry = new Entry(key, create());
                _created++;
                _entries.Add(key, entry);
                while (_entries.Count > Capacity)
                {
                    Evict(_entries.Values.Where(e => e != entry).MinBy(e => e.LastUsed)!, toDispose);
                }
            }

            entry.Owners.Add(owner);
            entry.Leases++;
            entry.LastUsed = ++_clock;
        }

        DisposeAll(toDispose);
        return new Lease(this, entry);
    }

    public void Dispose()
    {
        var toDispose = new List<Entry>();
        lock (_lock)
        {
            _isDisposed = true;
            foreach (var entry in _entries.Values.ToList())
            {
                Evict(entry, toDispose);
            }

            _keyOfOwner.Clear();
        }

        DisposeAll(toDispose);
    }

    /// <summary>Removes <paramref name="entry"/>; it is disposed now when unleased, else when its last lease returns. Holds the lock.</summary>
    private void Evict(Entry entry, List<Entry> toDispose)
    {
        _entries.Remove(entry.Key);
        foreach (var owner in entry.Owners)
        {
            if (_keyOfOwner.TryGetValue(owner, out var key) && key == entry.Key)
            {
                _keyOfOwner.Remove(owner);
            }
        }

        entry.Evicted = true;
        if (entry.Leases == 0)
        {
            toDispose.Add(entry);
        }
    }

    private void Return(Entry entry)
    {
        bool dispose;
        lock (_lock)
        {
            entry.Leases--;
            dispose = entry.Evicted && entry.Leases == 0;
        }

        if (dispose)
        {
            DisposeAll([entry]);
        }
    }

    private void DisposeAll(List<Entry> entries)
    {
        foreach (var entry in entries)
        {
            (entry.Client as IDisposable)?.Dispose();
            Interlocked.Increment(ref _disposed);
        }
    }

    /// <summary>One use of a cached client; return it by disposing the lease (the client itself is the cache's).</summary>
    internal sealed class Lease(ClientCache<TClient> cache, Entry entry) : IDisposable
    {
        private int _returned;

        public TClient Client => entry.Client;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _returned, 1) == 0)
            {
                cache.Return(entry);
            }
        }
    }

    /// <summary>A cached client with its users; guarded by the cache's lock.</summary>
    internal sealed class Entry(string key, TClient client)
    {
        public string Key => key;

        public TClient Client => client;

        public HashSet<string> Owners { get; } = new(StringComparer.Ordinal);

        public int Leases { get; set; }

        public long LastUsed { get; set; }

        public bool Evicted { get; set; }
    }
}
