namespace DataEngine.Local.Emulators;

/// <summary>The Node.js and npm that run the emulators; found on PATH unless the options name them.</summary>
sealed record NodeToolchain(string NodePath, string? NpmPath, Version NodeVersion)
{
    public const int MinimumMajorVersion = 20;

    public const string InstallHint =
        "Node.js 20+ and npm are needed for the emulators (Azurite, Cosmos DB server): " +
        "apt-get install nodejs npm (Debian/Ubuntu), or install Node.js 20+ from nodejs.org, " +
        "or name them in EmulatorOptions.NodePath/NpmPath.";

    public static async Task<NodeToolchain> FindAsync(EmulatorOptions options, CancellationToken ct)
    {
        var node = options.NodePath ?? FindOnPath("node") ?? FindOnPath("nodejs");
        if (node is null)
            throw new EmulatorException($"`node` was not found on PATH. {InstallHint}");
        if (!File.Exists(node))
            throw new EmulatorException($"Node.js was not found at {node}. {InstallHint}");

        ProcessRunner.Result result;
        try
        {
            result = await ProcessRunner.RunAsync(
                node, ["--version"], Path.GetTempPath(), TimeSpan.FromSeconds(30), null, ct);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new EmulatorException($"{node} could not be run ({ex.Message}). {InstallHint}", ex);
        }
        var text = result.Output.Trim().TrimStart('v');
        if (result.ExitCode != 0 || !Version.TryParse(text, out var version))
            throw new EmulatorException($"`{node} --version` failed (exit {result.ExitCode}): {result.Output.Trim()}. {InstallHint}");
        if (version.Major < MinimumMajorVersion)
            throw new EmulatorException($"{node} is Node.js {version}; {InstallHint}");

        var npm = options.NpmPath ?? FindOnPath("npm");
        return new NodeToolchain(node, npm, version);
    }

    /// <summary>The npm to install with, or a clear error when there is none.</summary>
    public string RequireNpm() =>
        NpmPath is not null && File.Exists(NpmPath)
            ? NpmPath
            : throw new EmulatorException(
                $"`npm` was not found{(NpmPath is null ? " on PATH" : $" at {NpmPath}")}, and the emulator packages must be installed. {InstallHint}");

    static string? FindOnPath(string name)
    {
        var names = OperatingSystem.IsWindows() ? new[] { name + ".exe", name + ".cmd" } : [name];
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            if (dir.Length == 0)
                continue;
            foreach (var candidate in names)
            {
                var path = Path.Combine(dir, candidate);
                if (File.Exists(path))
                    return path;
            }
        }
        return null;
    }
}
