using DataEngine.Contracts.Emulators;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Azure.Storage.Blobs;
using DataEngine.Local.Emulators;

namespace DataEngine.Azure.Tests.Emulators;

/// <summary>Starting and stopping emulators of their own (not the shared fixture's): no process is left behind, and a
/// start that cannot work says why.</summary>
public sealed class EmulatorLifecycleTests
{
    [Fact]
    public async Task Stopping_the_host_ends_both_processes()
    {
        var host = await EmulatorHost.StartAsync(EmulatorFixture.Options());
        var pids = host.ProcessIds;
        Assert.All(pids, pid => Assert.True(IsRunning(pid), $"pid {pid} should run"));

        await host.DisposeAsync();

        Assert.All(pids, pid => Assert.False(IsRunning(pid), $"pid {pid} is still running after stop"));
    }

    [Fact]
    public async Task Emulators_exit_when_the_process_that_started_them_dies()
    {
        var folder = EmulatorFixture.Options().EmulatorsDirectory ?? throw new InvalidOperationException("no emulators folder");
        // A shell starts an emulator-like node process attached to it and exits at once, as a crashed test host would.
        var start = new ProcessStartInfo("/bin/sh")
        {
            ArgumentList =
            {
                "-c",
                "DATAENGINE_EMULATOR_MODE=attached DATAENGINE_EMULATOR_PARENT_PID=$$ " +
                "node --require ./supervise.js -e 'setInterval(() => {}, 1000)' >/dev/null 2>&1 & echo $!",
            },
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
        };
        using var shell = Process.Start(start)!;
        var orphan = int.Parse((await shell.StandardOutput.ReadToEndAsync()).Trim());
        await shell.WaitForExitAsync();

        var gone = Stopwatch.StartNew();
        while (IsRunning(orphan) && gone.Elapsed < TimeSpan.FromSeconds(15))
            await Task.Delay(50);

        Assert.False(IsRunning(orphan), $"the orphaned node process {orphan} is still running");
    }

    [Fact]
    public async Task Detached_emulators_outlive_start_report_status_and_stop()
    {
        var state = Directory.CreateTempSubdirectory("dataengine-emulators-").FullName;
        try
        {
            var (started, alreadyRunning) = await DetachedEmulators.StartAsync(EmulatorFixture.Options(), state);
            var status = await DetachedEmulators.GetStatusAsync(state);
            var (again, secondAlreadyRunning) = await DetachedEmulators.StartAsync(EmulatorFixture.Options(), state);
            var container = new BlobServiceClient(started.Endpoints.StorageConnectionString).GetBlobContainerClient("detached");
            await container.CreateAsync();

            var stopped = await DetachedEmulators.StopAsync(state, TimeSpan.FromSeconds(5));

            Assert.False(alreadyRunning);
            Assert.True(status?.IsRunning, "status should find both running and ready");
            Assert.True(secondAlreadyRunning);
            Assert.Equal(started.Processes.Select(p => p.Pid), again.Processes.Select(p => p.Pid));
            Assert.NotNull(stopped);
            Assert.All(started.Processes, p => Assert.False(IsRunning(p.Pid), $"{p.Name} (pid {p.Pid}) still runs after stop"));
            Assert.False(File.Exists(DetachedEmulators.StateFile(state)));
            Assert.Null(await DetachedEmulators.GetStatusAsync(state));
        }
        finally
        {
            await DetachedEmulators.StopAsync(state, TimeSpan.FromSeconds(1));
            Directory.Delete(state, recursive: true);
        }
    }

    [Fact]
    public async Task Missing_node_is_a_clear_error()
    {
        var options = EmulatorFixture.Options() with { NodePath = "/nonexistent/node" };

        var error = await Assert.ThrowsAsync<EmulatorException>(() => EmulatorHost.StartAsync(options));

        Assert.Contains("Node.js 20+ and npm are needed", error.Message);
        Assert.Contains("apt-get install nodejs npm", error.Message);
    }

    [Fact]
    public async Task An_emulator_that_dies_at_start_is_reported_with_its_output()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var options = EmulatorFixture.Options() with { BlobPort = ((IPEndPoint)taken.LocalEndpoint).Port };

        var error = await Assert.ThrowsAsync<EmulatorException>(() => EmulatorHost.StartAsync(options));

        Assert.Contains("Azurite", error.Message);
        Assert.Contains("EADDRINUSE", error.Message);
    }

    /// <summary>Alive and not a zombie (Linux, where the tests run).</summary>
    static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..][0];
            return state is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }
}
