namespace DataEngine.Models.Heads;

/// <summary>
/// Loaded head versions by key, at most a few at once: each is loaded once however many callers ask together, and the
/// least recently used is released when more are loaded, but only after its last caller is done with it (a lease).
/// </summary>
internal sealed class HeadCache<T>(int capacity) : IDisposable
    where T : class
{
    readonly object _gate = new();
    readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    long _clock;

    /// <summary>The model under <paramref name="key"/>, loaded by <paramref name="load"/> if it is not loaded yet. Dispose the lease when done.</summary>
    public async Task<Lease> GetAsync(string key, Func<Task<T>> load, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out entry!))
            {
                // Loading runs once, off the caller's cancellation: other callers may be waiting for the same model.
                entry = new Entry(key, Task.Run(load, CancellationToken.None));
                _entries[key] = entry;
                EvictOverCapacity(entry);
            }

            entry.Users++;
            entry.LastUsed = ++_clock;
        }

        try
        {
            return new Lease(this, entry, await entry.Loading.WaitAsync(cancellationToken));
        }
        catch
        {
            if (entry.Loading.IsFaulted)
            {
                lock (_gate)
                {
                    // A failed load is not cached: the next caller tries again.
                    if (_entries.TryGetValue(key, out var cached) && cached == entry)
                    {
                        _entries.Remove(key);
                    }
                }
            }

            Release(entry);
            throw;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var entry in _entries.Values)
            {
                entry.Evicted = true;
                DisposeIfUnused(entry);
            }

            _entries.Clear();
        }
    }

    void EvictOverCapacity(Entry keep)
    {
        while (_entries.Count > capacity)
        {
            var oldest = _entries.Values.Where(e => e != keep).MinBy(e => e.LastUsed)!;
            _entries.Remove(oldest.Key);
            oldest.Evicted = true;
            DisposeIfUnused(oldest);
        }
    }

    void Release(Entry entry, int users = 1)
    {
        lock (_gate)
        {
            entry.Users -= users;
            DisposeIfUnused(entry);
        }
    }

    void DisposeIfUnused(Entry entry)
    {
        if (!entry.Evicted || entry.Users > 0)
        {
            return;
        }

        if (entry.Loading.IsCompleted)
        {
            if (entry.Loading.IsCompletedSuccessfully)
            {
                (entry.Loading.Result as IDisposable)?.Dispose();
            }
        }
        else
        {
            // Evicted while loading and its callers gave up waiting: release it once it is loaded.
            entry.Loading.ContinueWith(_ => Release(entry, users: 0), TaskScheduler.Default);
        }
    }

    internal sealed class Entry(string key, Task<T> loading)
    {
        public string Key { get; } = key;

        public Task<T> Loading { get; } = loading;

        public int Users { get; set; }

        public long LastUsed { get; set; }

        public bool Evicted { get; set; }
    }

    /// <summary>A caller's hold on a loaded model: the model stays loaded until every lease on it is disposed.</summary>
    public sealed class Lease : IDisposable
    {
        readonly HeadCache<T> _cache;
        readonly Entry _entry;
        int _disposed;

        internal Lease(HeadCache<T> cache, Entry entry, T model)
        {
            _cache = cache;
            _entry = entry;
            Model = model;
        }

        public T Model { get; }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _cache.Release(_entry);
            }
        }
    }
}
