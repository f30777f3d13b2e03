namespace DataEngine.Local.Emulators;

/// <summary>The folder with the emulators' package.json, lock file and scripts.</summary>
static class EmulatorsFolder
{
    public const string CosmosScript = "cosmos-server.js";
    public const string SuperviseScript = "supervise.js";
    public const string AzuriteScript = "node_modules/azurite/dist/src/azurite.js";
    public const string CosmosPackage = "node_modules/@vercel/cosmosdb-server/lib/index.js";

    public static string Locate(string? configured)
    {
        if (configured is not null)
        {
            var full = Path.GetFullPath(configured);
            return IsEmulatorsFolder(full)
                ? full
                : throw new EmulatorException($"{full} is not the emulators folder: it has no package.json and {CosmosScript}.");
        }
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "emulators");
                if (IsEmulatorsFolder(candidate))
                    return candidate;
            }
        }
        throw new EmulatorException(
            $"No emulators folder (emulators/package.json) above {Directory.GetCurrentDirectory()} or {AppContext.BaseDirectory}: " +
            "run from the repository, or name the folder (EmulatorOptions.EmulatorsDirectory, --emulators).");
    }

    static bool IsEmulatorsFolder(string dir) =>
        File.Exists(Path.Combine(dir, "package.json")) && File.Exists(Path.Combine(dir, CosmosScript));
}
