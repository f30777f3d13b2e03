namespace DataEngine.Core.Filters;

/// <summary>
/// Settings of <see cref="C4Filter"/>. Defaults are the rules of Raffel et al. 2020, "Exploring the Limits
/// of Transfer Learning with a Unified Text-to-Text Transformer", section 2.2 (C4), with the extra line rules
/// of its code (tensorflow_datasets c4_utils.py) as datatrove's c4_filters.py has them.
/// </summary>
public sealed record C4Options
{
    internal const string RemoveCitationsKey = "remove_citations";
    internal const string TerminalPunctKey = "terminal_punct";
    internal const string MinWordsPerLineKey = "min_words_per_line";
    internal const string MaxWordLengthKey = "max_word_length";
    internal const string MinSentencesKey = "min_sentences";
    internal const string LoremIpsumKey = "lorem_ipsum";
    internal const string CurlyBracketKey = "curly_bracket";
    internal const string JavascriptKey = "javascript";
    internal const string PolicyKey = "policy";

    /// <summary>Remove Wikipedia-style markers "[1]", "[]", "[edit]", "[citation needed]" from lines.</summary>
    public bool RemoveCitations { get; init; } = true;

    /// <summary>Drop lines that do not end in . ? ! " ' ” ’, and lines that end in "...".</summary>
    public bool TerminalPunct { get; init; } = true;

    /// <summary>Drop lines with fewer whitespace-separated words (paper: 3). Null keeps short lines.</summary>
    public int? MinWordsPerLine { get; init; } = 3;

    /// <summary>Drop lines with a word longer than this many characters (C4 code: 1000). Null keeps them.</summary>
    public int? MaxWordLength { get; init; } = 1000;

    /// <summary>Drop the document when fewer sentences remain in its kept lines (paper: 5). Null keeps it.</summary>
    public int? MinSentences { get; init; } = 5;

    /// <summary>Drop the document when it contains "lorem ipsum", in any case.</summary>
    public bool LoremIpsum { get; init; } = true;

    /// <summary>Drop the document when it contains a curly bracket ("{" or "}"), a sign of code.</summary>
    public bool CurlyBracket { get; init; } = true;

    /// <summary>Drop lines that mention "javascript", in any case.</summary>
    public bool Javascript { get; init; } = true;

    /// <summary>Drop lines about terms of use, privacy and cookie policies.</summary>
    public bool Policy { get; init; } = true;

    internal static C4Options Read(OptionReader reader)
    {
        var d = new C4Options();
        return new C4Options
        {
            RemoveCitations = reader.Flag(RemoveCitationsKey, d.RemoveCitations),
            TerminalPunct = reader.Flag(TerminalPunctKey, d.TerminalPunct),
            MinWordsPerLine = reader.Integer(MinWordsPerLineKey, d.MinWordsPerLine),
            MaxWordLength = reader.Integer(MaxWordLengthKey, d.MaxWordLength),
            MinSentences = reader.Integer(MinSentencesKey, d.MinSentences),
            LoremIpsum = reader.Flag(LoremIpsumKey, d.LoremIpsum),
            CurlyBracket = reader.Flag(CurlyBracketKey, d.CurlyBracket),
            Javascript = reader.Flag(JavascriptKey, d.Javascript),
            Policy = reader.Flag(PolicyKey, d.Policy),
        };
    }

    internal void Validate()
    {
        const string Filter = C4Filter.FilterName;
        OptionCheck.AtLeast(Filter, MinWordsPerLineKey, MinWordsPerLine, 0);
        OptionCheck.AtLeast(Filter, MaxWordLengthKey, MaxWordLength, 1);
        OptionCheck.AtLeast(Filter, MinSentencesKey, MinSentences, 0);
    }
}
