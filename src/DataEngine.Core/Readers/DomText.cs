using AngleSharp.Dom;

namespace DataEngine.Core.Readers;

/// <summary>The visible text of a parsed HTML element: scripts and styles skipped, block elements on their own lines.</summary>
internal static class DomText
{
    public static string ToText(IElement root)
    {
        var text = new TextBuilder(1024);
        try
        {
            Walk(root, ref text);
            return text.ToString();
        }
        finally
        {
            text.Dispose();
        }
    }

    private static void Walk(INode node, ref TextBuilder text)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText run:
                    text.Append(run.Data);
                    break;
                case IElement { LocalName: "br" }:
                    text.LineBreak();
                    break;
                case IElement element:
                    var breaks = Breaks(element.LocalName);
                    if (breaks < 0)
                    {
                        break;
                    }

                    text.Break(breaks);
                    Walk(element, ref text);
                    text.Break(breaks);
                    if (element.LocalName is "td" or "th")
                    {
                        text.Space();
                    }

                    break;
            }
        }
    }

    /// <summary>-1: skip the element; 0: inline; 1: own line; 2: own paragraph.</summary>
    private static int Breaks(string name) => name switch
    {
        "script" or "style" or "noscript" or "template" or "head" or "title" => -1,
        "p" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "blockquote" or "pre" or "table" or "ul" or "ol"
            or "dl" or "hr" or "section" or "article" or "header" or "footer" or "figure" or "address" => 2,
        "div" or "li" or "tr" or "dt" or "dd" or "caption" or "nav" or "aside" or "main" or "form" => 1,
        _ => 0,
    };
}
