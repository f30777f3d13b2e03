using System.Security.Cryptography;

namespace DataEngine.Local.Reviews;

/// <summary>
/// The review-link signing key of a local engine when none is configured: 32 random bytes made once per state folder
/// and kept there (owner-only), so links stay valid across restarts of the same folder and are worthless elsewhere.
/// </summary>
public static class LocalSigningKey
{
    public const string FileName = "review-signing.key";

    public static string LoadOrCreate(string stateFolder)
    {
        var path = Path.Combine(stateFolder, FileName);
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        Directory.CreateDirectory(stateFolder);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var temp = path + "." + Environment.ProcessId + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new FileStream(temp, options))
        using (var writer = new StreamWriter(file))
        {
            writer.Write(key);
        }

        // Two engines starting on one folder at once: the first rename wins and both read the winner's key.
        try
        {
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException)
        {
            File.Delete(temp);
        }

        return File.ReadAllText(path).Trim();
    }
}
