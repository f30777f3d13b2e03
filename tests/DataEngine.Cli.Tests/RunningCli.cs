using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace DataEngine.Cli.Tests;

/// <summary>
/// A `dataengine` process a test talks to while it runs (`run --review web`, `serve`): its output as it comes, the review
/// page URLs it prints, and a clean stop (SIGTERM, then the process tree after a grace period).
/// </summary>
sealed class RunningCli : IDisposable
{
    // "review page for alice: http://127.0.0.1:41234/review?reviewer=alice"
    private static readonly Regex PageLine = new(@"^review page for (\S+): (http://127\.0\.0\.1:\d+/review\?reviewer=\S+)$");

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Dictionary<string, TaskCompletionSource<string>> _pages = new(StringComparer.Ordinal);
    private readonly Task _stdout;
    private readonly Task<string> _stderr;

    public RunningCli(Process process)
    {
        _process = process;
        _stdout = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                lock (_output)
                {
                    _output.AppendLine(line);
                    if (PageLine.Match(line.Trim()) is { Success: true } match)
                    {
                        Page(match.Groups[1].Value).TrySetResult(match.Groups[2].Value);
                    }
                }
            }

            lock (_output)
            {
                foreach (var page in _pages.Values)
                {
                    page.TrySetException(new InvalidOperationException($"dataengine ended its output without the review page:\n{_output}"));
                }
            }
        });
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The page URL the run prints for <paramref name="reviewer"/>.</summary>
    public Task<string> WaitForPageAsync(string reviewer, TimeSpan timeout)
    {
        lock (_output)
        {
            var page = Page(reviewer);
            if (_stdout.IsCompleted)
            {
                page.TrySetException(new InvalidOperationException($"dataengine ended its output without the review page:\n{_output}"));
            }

            return page.Task.WaitAsync(timeout);
        }
    }

    /// <summary>The first output line (trimmed) that <paramref name="match"/> accepts, printed before or after this call.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            var seen = Output.Split('\n').Select(l => l.Trim()).FirstOrDefault(match);
            if (seen is not null)
            {
                return seen;
            }

            if (_stdout.IsCompleted)
            {
                throw new InvalidOperationException($"dataengine ended its output without the line awaited:\n{Output}");
            }

            try
            {
                await Task.WhenAny(_stdout, Task.Delay(100, cancel.Token));
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"dataengine did not print the line awaited within {timeout.TotalSeconds:0} s:\n{Output}");
            }
        }
    }

    public async Task<(int ExitCode, string Output, string Error)> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout > TimeSpan.Zero ? timeout : TimeSpan.FromSeconds(1));
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the run did not finish after every review was answered:\n{Output}");
        }

        await _stdout;
        return (_process.ExitCode, Output, await _stderr);
    }

    // Called under the output lock.
    private TaskCompletionSource<string> Page(string reviewer)
    {
        if (!_pages.TryGetValue(reviewer, out var page))
        {
            _pages[reviewer] = page = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        return page;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                // SIGTERM first so the engine can close its store; the whole tree if it does not go in time.
                using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                {
                    term.WaitForExit(5_000);
                }

                if (!_process.WaitForExit(10_000))
                {
                    _process.Kill(entireProcessTree: true);
                    _process.WaitForExit(10_000);
                }
            }
        }
        finally
        {
            _process.Dispose();
        }
    }
}
