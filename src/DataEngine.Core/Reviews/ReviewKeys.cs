using System.Globalization;

namespace DataEngine.Core.Reviews;

/// <summary>The sortable form of an assignment time that both stores order and page the reviewer's queue by.</summary>
public static class ReviewKeys
{
    /// <summary>
    /// UTC, fixed width, to the tick: ordinal string order is time order. An ISO time with an offset or a trimmed fraction
    /// (as JSON writes it) does not sort as text, and ticks as a number lose precision in Cosmos DB (JSON numbers are doubles).
    /// </summary>
    public static string SortKey(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
