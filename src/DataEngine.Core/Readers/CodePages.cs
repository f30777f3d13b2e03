using System.Text;

namespace DataEngine.Core.Readers;

/// <summary>
/// Makes the legacy code pages that mail and old web pages declare (windows-1252, GB2312, KOI8-R, Shift_JIS, ...)
/// available to <see cref="Encoding.GetEncoding(string)"/>; .NET ships only the Unicode ones and Latin-1 by default.
/// </summary>
internal static class CodePages
{
    private static readonly bool s_registered = Register();

    /// <summary>Registers the provider once per process; later calls cost nothing.</summary>
    public static void EnsureRegistered() => _ = s_registered;

    private static bool Register()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return true;
    }
}
