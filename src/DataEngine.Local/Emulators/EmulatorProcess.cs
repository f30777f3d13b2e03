using System.Diagnostics;

namespace DataEngine.Local.Emulators;

/// <summary>One emulator: a node process started with the supervise preload, its output kept (attached) or written to
/// a log file (detached, so that it outlives the process that started it).</summary>
sealed class EmulatorProcess : IDisposable
{
    const string ModeVariable = "DATAENGINE_EMULATOR_MODE";
    const string LogVariable = "DATAENGINE_EMULATOR_LOG";
    const string ParentVariable = "DATAENGINE_EMULATOR_PARENT_PID";
    const int TailLines = 200;

    readonly Process _process;
    readonly OutputTail? _tail;

    EmulatorProcess(string name, Process process, OutputTail? tail, string? logFile)
    {
        Name = name;
        _process = process;
        _tail = tail;
        LogFile = logFile;
        Id = process.Id;
        StartedAtUtc = ProcessControl.StartTimeUtc(process.Id) ?? DateTime.UtcNow;
    }

    public string Name { get; }
    public int Id { get; }
    public DateTime StartedAtUtc { get; }
    public string? LogFile { get; }
    public bool HasExited => _process.HasExited;

    /// <summary>Starts <c>node --require supervise.js script args…</c> in <paramref name="folder"/>. With a log file the
    /// process is detached: its output goes to the file and it stays up when this process exits.</summary>
    public static EmulatorProcess Start(
        string name, NodeToolchain node, string folder, IReadOnlyList<string> scriptAndArguments, string? logFile)
    {
        ProcessStartInfo start;
        if (logFile is null)
        {
            start = new ProcessStartInfo(node.NodePath)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment[ModeVariable] = "attached";
            start.Environment[ParentVariable] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else
        {
            if (OperatingSystem.IsWindows())
                throw new EmulatorException("Detached emulators need a Unix shell; on Windows keep them attached (EmulatorHost.StartAsync).");
            // exec keeps the process id: the id we record is node's. Output to the log, no terminal on stdin.
            start = new ProcessStartInfo("/bin/sh");
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add($"exec \"$0\" \"$@\" >>\"${LogVariable}\" 2>&1 </dev/null");
            start.ArgumentList.Add(node.NodePath);
            start.Environment[ModeVariable] = "detached";
            start.Environment[LogVariable] = logFile;
            Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
            File.WriteAllText(logFile, "");
        }
        start.UseShellExecute = false;
        start.WorkingDirectory = folder;
        start.ArgumentList.Add("--require");
        start.ArgumentList.Add(Path.Combine(folder, EmulatorsFolder.SuperviseScript));
        foreach (var argument in scriptAndArguments)
            start.ArgumentList.Add(argument);

        var process = new Process { StartInfo = start };
        OutputTail? tail = null;
        if (logFile is null)
        {
            tail = new OutputTail(TailLines);
            process.OutputDataReceived += (_, e) => tail.Add(e.Data);
            process.ErrorDataReceived += (_, e) => tail.Add(e.Data);
        }
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            process.Dispose();
            throw new EmulatorException($"{name} could not be started with {node.NodePath}: {ex.Message}. {NodeToolchain.InstallHint}", ex);
        }
        if (tail is not null)
        {
            process.StandardInput.Close();
            // Read for the whole life of the process: a full pipe would block the emulator.
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }
        return new EmulatorProcess(name, process, tail, logFile);
    }

    /// <summary>The last lines it wrote (stdout and stderr together).</summary>
    public IReadOnlyList<string> Output()
    {
        if (_tail is not null)
            return _tail.Lines();
        try
        {
            using var stream = new FileStream(LogFile!, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            var lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return lines.Length <= TailLines ? lines : lines[^TailLines..];
        }
        catch (IOException)
        {
            return [];
        }
    }

    /// <summary>
    /// Waits (at most <paramref name="max"/>) until an exited process's output has been read to the end: the last lines,
    /// usually the reason it died, can arrive after the exit is seen.
    /// </summary>
    public async Task DrainOutputAsync(TimeSpan max)
    {
        using var wait = new CancellationTokenSource(max);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            // Something else holds the pipe open; describe what has arrived.
        }
    }

    public string Describe()
    {
        var output = Output();
        var shown = output.Count <= 40 ? output : output.Skip(output.Count - 40).ToList();
        var exit = HasExited ? $"exited with code {_process.ExitCode}" : "still running";
        var log = LogFile is null ? "" : $", log {LogFile}";
        return $"{Name} (pid {Id}, {exit}{log}); its last output:\n" +
               (shown.Count == 0 ? "  (none)" : string.Join('\n', shown.Select(l => "  " + l)));
    }

    public Task<bool> StopAsync(TimeSpan grace, CancellationToken ct) => ProcessControl.StopAsync(Id, grace, ct);

    /// <summary>Releases the handle; the process keeps running.</summary>
    public void Dispose() => _process.Dispose();
}
