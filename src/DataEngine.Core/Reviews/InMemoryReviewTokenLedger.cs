using System.Collections.Concurrent;

namespace DataEngine.Core.Reviews;

/// <summary>A process-local <see cref="IReviewTokenLedger"/> for tests and a single local host; it does not survive a restart.</summary>
public sealed class InMemoryReviewTokenLedger : IReviewTokenLedger
{
    /// <summary>
    /// How long past its expiry a nonce is still remembered. The verifier judges expiry by the time its caller passes, so a clock
    /// behind this one must not let an expired link in after its nonce was forgotten.
    /// </summary>
    public static readonly TimeSpan RetentionAfterExpiry = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _consumed = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private long _nextSweepTicks;

    public InMemoryReviewTokenLedger(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <summary>How many nonces are remembered now.</summary>
    internal int Count => _consumed.Count;

    public Task<bool> TryConsumeAsync(string nonce, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(nonce);
        cancellationToken.ThrowIfCancellationRequested();
        SweepIfDue(_time.GetUtcNow());

        // TryAdd is the atomic step: of two concurrent uses of one link exactly one adds the nonce.
        return Task.FromResult(_consumed.TryAdd(nonce, expiresAt));
    }

    private void SweepIfDue(DateTimeOffset now)
    {
        // One caller per interval wins the compare-exchange and sweeps; the rest go straight on.
        var due = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextSweepTicks, (now + SweepInterval).UtcTicks, due) != due)
        {
            return;
        }

        foreach (var entry in _consumed)
        {
            if (entry.Value + RetentionAfterExpiry < now)
            {
                _consumed.TryRemove(entry);
            }
        }
    }
}
