using System.IO.Hashing;
using System.Text;

namespace DataEngine.Core.Reviews;

/// <summary>
/// Deterministic review ids: a hash of the parts, so a retried step names the same task or assignment, and the ids are
/// short, fixed-length and safe in URLs and Cosmos DB ids whatever characters a run, item or reviewer id holds.
/// </summary>
static class ReviewIds
{
    public static string Of(string prefix, params ReadOnlySpan<string> parts)
    {
        // Parts joined by a character no id part is expected to hold, length-prefixed as well so no two part lists collide.
        var joined = new StringBuilder();
        foreach (var part in parts)
        {
            joined.Append(part.Length).Append(':').Append(part).Append('\n');
        }

        return prefix + Convert.ToHexStringLower(XxHash128.Hash(Encoding.UTF8.GetBytes(joined.ToString())));
    }
}
