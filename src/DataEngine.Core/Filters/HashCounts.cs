using System.Numerics;
using System.Runtime.CompilerServices;

namespace DataEngine.Core.Filters;

/// <summary>
/// An open-addressing table counting 64-bit hashes (linear probing, slot from the key's top bits, so keys
/// must be well spread there). One instance per thread is reused across documents, so counting allocates
/// nothing once warm.
/// </summary>
/// <remarks>Two different items whose 64-bit hashes collide count as one; at the sizes of one document that is negligible.</remarks>
internal sealed class HashCounts
{
    [ThreadStatic]
    private static HashCounts? t_shared;

    private ulong[] _keys = new ulong[1024];
    private int[] _counts = new int[1024];
    private int _mask;
    private int _shift;

    /// <summary>This thread's table. Callers must not hold it across a call that may use it too.</summary>
    public static HashCounts Shared => t_shared ??= new HashCounts();

    /// <summary>Empties the table and sizes it for up to <paramref name="expected"/> distinct keys at a load of at most one half.</summary>
    public void Reset(int expected)
    {
        var capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, expected * 2));
        if (_keys.Length < capacity)
        {
            _keys = new ulong[capacity];
            _counts = new int[capacity];
        }
        else
        {
            Array.Clear(_keys, 0, capacity);
        }

        _mask = capacity - 1;
        _shift = 64 - BitOperations.Log2((uint)capacity);
    }

    /// <summary>Counts one more occurrence of <paramref name="key"/> and returns its count so far.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Add(ulong key) => _counts[AddSlot(key)];

    /// <summary>Counts one more occurrence of <paramref name="key"/> and returns its slot, whose count <see cref="CountAt"/> reads.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int AddSlot(ulong key)
    {
        // 0 marks an empty slot.
        key = key == 0 ? 1 : key;
        var keys = _keys;
        var i = (int)(key >> _shift);
        while (true)
        {
            var k = keys[i];
            if (k == key)
            {
                _counts[i]++;
                return i;
            }

            if (k == 0)
            {
                keys[i] = key;
                _counts[i] = 1;
                return i;
            }

            i = (i + 1) & _mask;
        }
    }

    public int CountAt(int slot) => _counts[slot];
}
