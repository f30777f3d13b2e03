using DataEngine.Core.Reviews;
using DataEngine.Core.Reviews.Notifications;

namespace DataEngine.Workflows.Reviews.Notifications;

/// <summary>Text shared by the notifiers: the item preview and a link's name.</summary>
internal static class ReviewNoticeText
{
    /// <summary>The first <paramref name="length"/> characters of <paramref name="text"/> on one line, with an ellipsis when cut.</summary>
    public static string Preview(string text, int length)
    {
        // One line, so a message or log block is not broken up by the item's own line breaks.
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (flat.Length <= length)
        {
            return flat;
        }

        // Never cut a surrogate pair in half: the message would carry an invalid character.
        var cut = char.IsHighSurrogate(flat[length - 1]) ? length - 1 : length;
        return flat[..cut] + "…";
    }

    /// <summary>
    /// <paramref name="text"/> as a markdown code span that no chat client turns into a link or mention: an item is
    /// untrusted (a spam mail may carry its own markdown links), and only our links may be clickable in a notice.
    /// </summary>
    public static string Inert(string text) => "`" + text.Replace('`', '\'').Replace('<', '‹').Replace('>', '›') + "`";

    public static string LinkName(ReviewLink link) => link.Action switch
    {
        ReviewAction.Label => $"label {link.Label}",
        _ => link.Action.ToString().ToLowerInvariant(),
    };
}
