using System.Diagnostics;
using System.Runtime.InteropServices;

namespace DataEngine.Local.Emulators;

/// <summary>Stops processes by id: SIGTERM, a grace period, then SIGKILL for the process and whatever it started.
/// Works on processes this process did not start (a detached emulator found through its state file).</summary>
static class ProcessControl
{
    const int SigKill = 9;
    const int SigTerm = 15;
    static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    static readonly TimeSpan KillWait = TimeSpan.FromSeconds(10);

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    static extern int SysKill(int pid, int signal);

    /// <summary>True while the process runs; a zombie (exited, not yet reaped) counts as gone.</summary>
    public static bool IsAlive(int pid)
    {
        if (pid <= 0)
            return false;
        if (OperatingSystem.IsLinux())
        {
            string stat;
            try
            {
                stat = File.ReadAllText($"/proc/{pid}/stat");
            }
            catch (IOException)
            {
                return false;
            }
            catch (UnauthorizedAccessException)
            {
                return true;
            }
            var state = StateOf(stat);
            return state is not ('Z' or 'X' or 'x');
        }
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>When the process started, to tell it from a later process that reuses its id; null if it is gone.</summary>
    public static DateTime? StartTimeUtc(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.StartTime.ToUniversalTime();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>The process's command line (Linux), to check that an id from a state file is still an emulator.</summary>
    public static string? CommandLine(int pid)
    {
        if (!OperatingSystem.IsLinux())
            return null;
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>SIGTERM, up to <paramref name="grace"/> to exit, then SIGKILL; then SIGKILL for any process it started
    /// that is still running. Returns true when it had to kill.</summary>
    public static async Task<bool> StopAsync(int pid, TimeSpan grace, CancellationToken ct = default)
    {
        if (!IsAlive(pid))
            return false;
        var descendants = Descendants(pid);
        Signal(pid, SigTerm);
        var killed = false;
        if (!await WaitForExitAsync(pid, grace, ct))
        {
            killed = true;
            Signal(pid, SigKill);
            if (!await WaitForExitAsync(pid, KillWait, ct))
                throw new EmulatorException($"Process {pid} is still running after SIGKILL.");
        }
        foreach (var child in descendants.Concat(Descendants(pid)).Distinct())
        {
            if (IsAlive(child))
            {
                Signal(child, SigKill);
                killed = true;
            }
        }
        return killed;
    }

    public static async Task<bool> WaitForExitAsync(int pid, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (IsAlive(pid))
        {
            if (deadline.Elapsed >= timeout)
                return false;
            await Task.Delay(PollInterval, ct);
        }
        return true;
    }

    static void Signal(int pid, int signal)
    {
        if (OperatingSystem.IsWindows())
        {
            // No SIGTERM on Windows: killing the tree is the only stop there is.
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill(entireProcessTree: true);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
            }
            return;
        }
        // ESRCH (already gone) is the outcome we want; anything else shows up as a process that does not exit.
        _ = SysKill(pid, signal);
    }

    /// <summary>Every process below <paramref name="pid"/> (Linux; elsewhere none).</summary>
    static List<int> Descendants(int pid)
    {
        var result = new List<int>();
        if (!OperatingSystem.IsLinux())
            return result;
        var children = new Dictionary<int, List<int>>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var id))
                continue;
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(dir, "stat"));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            var parent = ParentOf(stat);
            if (parent <= 0)
                continue;
            if (!children.TryGetValue(parent, out var list))
                children[parent] = list = [];
            list.Add(id);
        }
        var queue = new Queue<int>([pid]);
        while (queue.TryDequeue(out var next))
        {
            if (!children.TryGetValue(next, out var list))
                continue;
            foreach (var child in list)
            {
                result.Add(child);
                queue.Enqueue(child);
            }
        }
        return result;
    }

    // /proc/<pid>/stat is "pid (comm) state ppid ..."; comm may hold spaces and parentheses, so parse after the last ')'.
    static char StateOf(string stat)
    {
        var close = stat.LastIndexOf(')');
        return close >= 0 && close + 2 < stat.Length ? stat[close + 2] : '?';
    }

    static int ParentOf(string stat)
    {
        var close = stat.LastIndexOf(')');
        if (close < 0)
            return -1;
        var fields = stat[(close + 2)..].Split(' ', 3);
        return fields.Length >= 2 && int.TryParse(fields[1], out var parent) ? parent : -1;
    }
}
