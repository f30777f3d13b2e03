namespace DataEngine.Core.Readers;

/// <summary>
/// Compressed sources: a name ending in <c>.gz</c> holds gzip-compressed bytes of the file its name has without it
/// (<c>corpus.jsonl.gz</c> is <c>corpus.jsonl</c>). The run decompresses such a source once, when it is planned,
/// and reads the decompressed copy like any other source; items keep the compressed source's name.
/// </summary>
public static class Compression
{
    /// <summary>The extension of gzip-compressed sources.</summary>
    public const string GzipExtension = ".gz";

    /// <summary>True when <paramref name="sourceName"/> names a gzip-compressed source.</summary>
    public static bool IsGzip(string sourceName) => sourceName.EndsWith(GzipExtension, StringComparison.OrdinalIgnoreCase);

    /// <summary>The name the source has once decompressed: without <c>.gz</c>; unchanged for an uncompressed source.</summary>
    public static string InnerName(string sourceName) => IsGzip(sourceName) ? sourceName[..^GzipExtension.Length] : sourceName;
}
