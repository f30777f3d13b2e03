using DataEngine.Core.Pipeline;

namespace DataEngine.Core.Readers;

/// <summary>
/// Picks the decoder for a source: the configured format when there is one, else the file extension
/// (.jsonl/.ndjson, .txt/.md/.markdown, .html/.htm, .eml; under a .gz, the extension inside it). Decoders are stateless
/// and shared.
/// </summary>
public sealed class DecoderRegistry
{
    /// <summary>The formats a configuration may name.</summary>
    public static IReadOnlyList<string> Formats { get; } = ["jsonl", "text", "html", "eml"];

    private readonly IItemDecoder? _configured;
    private readonly Dictionary<string, IItemDecoder> _byExtension;

    /// <exception cref="PipelineConfigException">The format is unknown or the text field is blank.</exception>
    public DecoderRegistry(ReaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.TextField))
        {
            throw new PipelineConfigException("reader text field is empty: name the JSONL field that holds the text, e.g. 'text'");
        }

        Options = options;
        var jsonl = new JsonlDecoder(options.TextField, options.Content);
        var text = new PlainTextDecoder();
        var html = new HtmlDecoder();
        var mail = new MailDecoder();
        _byExtension = new Dictionary<string, IItemDecoder>(StringComparer.OrdinalIgnoreCase)
        {
            [".jsonl"] = jsonl,
            [".ndjson"] = jsonl,
            [".txt"] = text,
            [".md"] = text,
            [".markdown"] = text,
            [".html"] = html,
            [".htm"] = html,
            [".eml"] = mail,
        };

        if (options.Format is { } format)
        {
            _configured = format.Trim().ToLowerInvariant() switch
            {
                "jsonl" => jsonl,
                "text" => text,
                "html" => html,
                "eml" => mail,
                _ => throw new PipelineConfigException(
                    $"unknown reader format '{format}': use one of {string.Join(", ", Formats)}, or leave it out to pick by file extension"),
            };
        }
    }

    /// <summary>The options this registry was built from.</summary>
    public ReaderOptions Options { get; }

    /// <summary>The decoder for the source named <paramref name="sourceName"/> (a blob or file name), or null when there is none.</summary>
    public IItemDecoder? ForSource(string sourceName)
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        return _configured ?? _byExtension.GetValueOrDefault(Path.GetExtension(Compression.InnerName(sourceName)));
    }

    /// <summary>The quarantine reason for a source that <see cref="ForSource"/> has no decoder for.</summary>
    public static string NoReaderReason(string sourceName)
    {
        var inner = Compression.InnerName(sourceName);
        var extension = Path.GetExtension(inner);
        var within = Compression.IsGzip(sourceName) ? " inside the .gz" : "";
        return extension.Length == 0
            ? $"no reader for a file without extension{within}"
            : $"no reader for extension '{extension.ToLowerInvariant()}'{within}";
    }
}
