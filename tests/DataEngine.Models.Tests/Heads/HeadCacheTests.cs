using DataEngine.Models.Heads;

namespace DataEngine.Models.Tests.Heads;

public sealed class HeadCacheTests
{
    [Fact]
    public async Task An_evicted_model_is_released_only_after_its_last_lease()
    {
        using var cache = new HeadCache<Model>(capacity: 1);
        var loads = 0;

        var first = await cache.GetAsync("a", () => Task.FromResult(new Model(Interlocked.Increment(ref loads))), CancellationToken.None);
        using (var again = await cache.GetAsync("a", () => throw new InvalidOperationException("loaded twice"), CancellationToken.None))
        {
            Assert.Same(first.Model, again.Model);
        }

        using var second = await cache.GetAsync("b", () => Task.FromResult(new Model(Interlocked.Increment(ref loads))), CancellationToken.None);
        Assert.False(first.Model.Disposed); // evicted, but still in use
        first.Dispose();

        Assert.True(first.Model.Disposed);
        Assert.False(second.Model.Disposed);
        Assert.Equal(2, loads);
    }

    [Fact]
    public async Task A_failed_load_is_not_cached()
    {
        using var cache = new HeadCache<Model>(capacity: 2);

        await Assert.ThrowsAsync<IOException>(() => cache.GetAsync("a", () => throw new IOException("blob gone"), CancellationToken.None));
        using var lease = await cache.GetAsync("a", () => Task.FromResult(new Model(1)), CancellationToken.None);

        Assert.Equal(1, lease.Model.Id);
    }

    sealed class Model(int id) : IDisposable
    {
        public int Id { get; } = id;

        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }
}
