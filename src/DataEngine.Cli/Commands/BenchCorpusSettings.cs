using System.ComponentModel;
using DataEngine.Cli.Bench;
using Spectre.Console.Cli;

namespace DataEngine.Cli.Commands;

/// <summary>What every `bench` command reads: the corpus argument, what its `text` holds, and loading it with a clear error.</summary>
abstract class BenchCorpusSettings : CommandSettings
{
    [CommandArgument(0, "[corpus]")]
    [Description("JSONL or JSONL.gz with `text` and `label` fields. Default: ../shared/data/spamassassin-dev.jsonl.gz.")]
    public string Corpus { get; init; } = BenchCorpus.DefaultPath;

    [CommandOption("--content <KIND>")]
    [Description("What `text` holds: mail (raw RFC 822), text, or auto (detected from the first lines).")]
    [DefaultValue("auto")]
    public string Content { get; init; } = "auto";

    /// <summary>Loads the corpus, or writes why it could not (where it looked, what is wrong) to stderr and returns null.</summary>
    public BenchCorpus? LoadCorpus()
    {
        try
        {
            return BenchCorpus.Load(Corpus, Content);
        }
        catch (Exception ex) when (ex is FileNotFoundException or InvalidDataException)
        {
            Console.Error.WriteLine(ex.Message);
            return null;
        }
    }
}
