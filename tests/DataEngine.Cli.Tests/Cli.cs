using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;

namespace DataEngine.Cli.Tests;

/// <summary>Runs the built `dataengine` in its own process, as a user would, and captures what it prints.</summary>
static class Cli
{
    /// <summary>The repository root: the folder above tests/ that holds samples/.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    public static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) =>
        RunAsync(new Dictionary<string, string>(), args);

    /// <summary>Runs `dataengine` with extra environment variables (e.g. connection settings).</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var process = Start(environment, args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dataengine {string.Join(' ', args)} did not finish in 3 minutes.");
        }

        return (process.ExitCode, await output, await error);
    }

    /// <summary>Starts `dataengine` and returns the running process; the caller reads its output and ends it.</summary>
    public static Process Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "dataengine.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // A wide, plain console: the summary table is read by the assertions.
        start.Environment["COLUMNS"] = "200";
        start.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return Process.Start(start)!;
    }

    /// <summary>Walks up from this source file, which sits in the repository whatever the build output folder.</summary>
    static string FindRepoRoot([CallerFilePath] string sourceFile = "")
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(sourceFile)!); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "samples")) && File.Exists(Path.Combine(dir.FullName, "Directory.Build.props")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("No repository root (with samples/ and Directory.Build.props) above " + sourceFile);
    }
}
