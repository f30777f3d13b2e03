using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using DataEngine.Core.Reviews;

namespace DataEngine.Workflows.Reviews;

/// <summary>A page cursor as the API passes it: base64url of "{UTC ticks}:{assignment id}", opaque to clients.</summary>
public static class ReviewCursorText
{
    public static string Format(ReviewCursor cursor) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{cursor.AssignedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}:{cursor.AssignmentId}"));

    public static bool TryParse(string text, [NotNullWhen(true)] out ReviewCursor? cursor)
    {
        cursor = null;
        try
        {
            var raw = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text));
            var colon = raw.IndexOf(':');
            if (colon <= 0 || !long.TryParse(raw.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                || ticks > DateTimeOffset.MaxValue.UtcTicks || colon == raw.Length - 1)
            {
                return false;
            }

            cursor = new ReviewCursor(new DateTimeOffset(ticks, TimeSpan.Zero), raw[(colon + 1)..]);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
