using System.Globalization;
using System.Runtime.CompilerServices;

namespace DataEngine.Core.Filters;

/// <summary>What the tokeniser needs to know about a UTF-16 code unit, looked up in one 64 KiB table.</summary>
/// <remarks>
/// One table lookup per character keeps the scan Unicode-aware (categories, not ASCII ranges) without a
/// branch between ASCII and the rest. Surrogates are neither spaces nor punctuation, so a supplementary
/// character (emoji, rare CJK) stays inside its word.
/// </remarks>
internal static class CharKinds
{
    public const byte Space = 1;
    public const byte LineBreak = 2;
    public const byte Letter = 4;

    /// <summary>Punctuation, symbols, controls and format characters: trimmed from the ends of a word.</summary>
    public const byte Edge = 8;

    private static readonly byte[] s_table = Build();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte Of(char c) => Unsafe.Add(ref s_table[0], c);

    public static bool IsSpace(char c) => (Of(c) & Space) != 0;

    public static bool IsLineBreak(char c) => (Of(c) & LineBreak) != 0;

    private static byte[] Build()
    {
        var table = new byte[char.MaxValue + 1];
        for (var i = 0; i <= char.MaxValue; i++)
        {
            var c = (char)i;
            byte kind = 0;
            if (char.IsWhiteSpace(c))
            {
                kind |= Space;
                if (c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029')
                {
                    kind |= LineBreak;
                }
            }
            else if (char.IsLetter(c))
            {
                kind |= Letter;
            }
            else
            {
                switch (char.GetUnicodeCategory(c))
                {
                    case UnicodeCategory.ConnectorPunctuation:
                    case UnicodeCategory.DashPunctuation:
                    case UnicodeCategory.OpenPunctuation:
                    case UnicodeCategory.ClosePunctuation:
                    case UnicodeCategory.InitialQuotePunctuation:
                    case UnicodeCategory.FinalQuotePunctuation:
                    case UnicodeCategory.OtherPunctuation:
                    case UnicodeCategory.MathSymbol:
                    case UnicodeCategory.CurrencySymbol:
                    case UnicodeCategory.ModifierSymbol:
                    case UnicodeCategory.OtherSymbol:
                    case UnicodeCategory.Control:
                    case UnicodeCategory.Format:
                        kind |= Edge;
                        break;
                }
            }

            table[i] = kind;
        }

        return table;
    }
}
