using System.IO.Hashing;
using System.Text;

namespace DataEngine.Core.Ports;

/// <summary>Sample keys: a stable, uniformly distributed number in [0, 1) per record.</summary>
public static class SampleKeys
{
    public static double Of(string runId, string itemId)
    {
        var hash = XxHash64.HashToUInt64(Encoding.UTF8.GetBytes($"{runId}/{itemId}"));
        return (hash >> 11) * (1.0 / (1UL << 53)); // the top 53 bits: every double in [0, 1) with that spacing is equally likely
    }
}
