using System.Net;
using DataEngine.Core.Reviews;

namespace DataEngine.Workflows.Reviews;

/// <summary>The small pages a callback link shows: a confirmation with one button, and the outcome. Everything from the item is HTML-encoded.</summary>
public static class ReviewLinkHtml
{
    /// <summary>The GET page of a link: the item, the decision, and a form that POSTs the same URL (with the seconds spent).</summary>
    public static string Confirm(ReviewToken claims, ReviewTask? task, string token, string reviewer)
    {
        var decision = claims.Action == ReviewAction.Label ? $"label it '{claims.Label}'" : claims.Action.ToString().ToLowerInvariant();
        var item = task is null
            ? "<p>The review task is gone.</p>"
            : $"""
               <p><b>{Encode(task.Task)}</b>: {Encode(task.Instructions)}</p>
               <pre style="white-space:pre-wrap;max-height:50vh;overflow:auto;border:1px solid #ccc;padding:.5em">{Encode(Excerpt(task.Text))}</pre>
               """;
        return Page("Review", $$"""
            {{item}}
            <form method="post" action="?token={{Uri.EscapeDataString(token)}}&amp;reviewer={{Uri.EscapeDataString(reviewer)}}">
              <input type="hidden" name="secondsSpent" id="secondsSpent" value="0">
              <button type="submit" autofocus>{{Encode(Capitalised(decision))}}</button>
            </form>
            <script>
              const shown = performance.now();
              document.querySelector('form').addEventListener('submit', () => {
                document.getElementById('secondsSpent').value = ((performance.now() - shown) / 1000).toFixed(2);
              });
            </script>
            """);
    }

    public static string Message(string title, string message) => Page(title, $"<p>{Encode(message)}</p>");

    static string Page(string title, string body) => $"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{Encode(title)} · DataEngine</title></head>
        <body style="font-family:system-ui,sans-serif;max-width:48em;margin:2em auto;padding:0 1em">
        <h1>{Encode(title)}</h1>
        {body}
        </body></html>
        """;

    static string Excerpt(string text) => text.Length <= 5_000 ? text : text[..5_000] + "…";

    static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");
}
