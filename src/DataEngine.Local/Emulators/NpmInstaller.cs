using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace DataEngine.Local.Emulators;

/// <summary>Runs <c>npm ci</c> in the emulators folder when its node_modules was not installed from the current lock
/// file; one process at a time installs, the others wait and then find it done.</summary>
static class NpmInstaller
{
    // Written after a successful install: the hash of the lock file it installed.
    const string StampFile = "node_modules/.dataengine-installed";
    const string LockFile = ".install.lock";

    public static async Task EnsureInstalledAsync(string folder, NodeToolchain node, EmulatorOptions options, CancellationToken ct)
    {
        var wanted = await LockHashAsync(folder, ct);
        if (await IsInstalledAsync(folder, wanted, ct))
            return;

        using var held = await FileLock.AcquireAsync(Path.Combine(folder, LockFile), options.InstallTimeout, "npm ci", ct);
        if (await IsInstalledAsync(folder, wanted, ct))
            return;

        var npm = node.RequireNpm();
        options.Logger?.LogInformation("Installing the emulators' npm packages in {Folder} (npm ci, about a minute)", folder);
        // Node's own folder first on PATH: npm is a `#!/usr/bin/env node` script.
        var environment = new Dictionary<string, string>
        {
            ["PATH"] = Path.GetDirectoryName(node.NodePath) + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
            ["npm_config_update_notifier"] = "false",
        };
        // Azurite 3.37 declares node >= 22 but runs on 20 (DESIGN.md): a user's engine-strict must not stop the install.
        string[] arguments = ["ci", "--no-audit", "--no-fund", "--engine-strict=false", "--loglevel=warn"];
        var result = await ProcessRunner.RunAsync(npm, arguments, folder, options.InstallTimeout, environment, ct);
        if (result.ExitCode != 0)
        {
            // Once more: a registry hiccup should not fail a test run.
            options.Logger?.LogWarning("npm ci failed (exit {Code}), trying once more:\n{Output}", result.ExitCode, result.Output);
            result = await ProcessRunner.RunAsync(npm, arguments, folder, options.InstallTimeout, environment, ct);
        }
        if (result.ExitCode != 0)
            throw new EmulatorException($"`npm ci` in {folder} failed (exit {result.ExitCode}):\n{result.Output}");
        if (!HasPackages(folder))
            throw new EmulatorException($"`npm ci` in {folder} succeeded but left no Azurite or Cosmos DB server:\n{result.Output}");
        await File.WriteAllTextAsync(Path.Combine(folder, StampFile), wanted, ct);
    }

    static async Task<bool> IsInstalledAsync(string folder, string wanted, CancellationToken ct)
    {
        var stamp = Path.Combine(folder, StampFile);
        return HasPackages(folder) && File.Exists(stamp) && (await File.ReadAllTextAsync(stamp, ct)).Trim() == wanted;
    }

    static bool HasPackages(string folder) =>
        File.Exists(Path.Combine(folder, EmulatorsFolder.AzuriteScript)) &&
        File.Exists(Path.Combine(folder, EmulatorsFolder.CosmosPackage));

    static async Task<string> LockHashAsync(string folder, CancellationToken ct)
    {
        var path = Path.Combine(folder, "package-lock.json");
        if (!File.Exists(path))
            throw new EmulatorException($"{path} is missing: the emulators are installed from their lock file with `npm ci`.");
        return Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(path, ct)));
    }
}
