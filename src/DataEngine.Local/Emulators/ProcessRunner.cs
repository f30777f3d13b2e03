using System.Diagnostics;

namespace DataEngine.Local.Emulators;

/// <summary>Runs a short command (node --version, npm ci) to completion, with a time limit and its output kept.</summary>
static class ProcessRunner
{
    public sealed record Result(int ExitCode, string Output);

    public static async Task<Result> RunAsync(
        string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment, CancellationToken ct)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            start.Environment[key] = value;

        var tail = new OutputTail(200);
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => tail.Add(e.Data);
        process.ErrorDataReceived += (_, e) => tail.Add(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            await ProcessControl.StopAsync(process.Id, TimeSpan.FromSeconds(2), CancellationToken.None);
            ct.ThrowIfCancellationRequested();
            throw new EmulatorException(
                $"`{Path.GetFileName(fileName)} {string.Join(' ', start.ArgumentList)}` did not finish within {timeout.TotalSeconds:0} s:\n{tail}");
        }
        // WaitForExitAsync returns once the output streams are drained too.
        return new Result(process.ExitCode, tail.ToString());
    }
}
