using System.Diagnostics;
using OpenQA.Selenium.Chrome;

namespace DataEngine.Cli.Tests.Browser;

/// <summary>Debian's Chromium, headless, driven through Debian's chromedriver: both by explicit path, so Selenium
/// Manager never downloads anything, and the driver started and ended by its process id.</summary>
public sealed class HeadlessChromium : IDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string DriverPath = "/usr/bin/chromedriver";

    // The machine has no network beyond loopback: without the background-networking flags Chromium's own
    // connections are refused many at a time and slow every start (env notes on Chromium).
    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=1280,900",
    ];

    private readonly ChromeDriverService _service;
    private readonly string _profile;

    public HeadlessChromium()
    {
        var missing = new[] { ChromiumPath, DriverPath }.Where(path => !File.Exists(path)).ToList();
        if (missing.Count > 0)
        {
            // A failure, not a skip: CI installs both (.ci/run), so a missing browser is a broken machine.
            throw new InvalidOperationException(
                $"The browser tests need Debian's Chromium and ChromeDriver; missing: {string.Join(", ", missing)}. " +
                "Install them with `apt-get update && apt-get install -y chromium chromium-driver` (.ci/run does).");
        }

        _profile = Directory.CreateTempSubdirectory("dataengine-chromium-").FullName;
        _service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(DriverPath)!, Path.GetFileName(DriverPath));
        _service.HideCommandPromptWindow = true;
        _service.SuppressInitialDiagnosticInformation = true;

        var options = new ChromeOptions { BinaryLocation = ChromiumPath };
        options.AddArguments(Flags);
        options.AddArgument($"--user-data-dir={_profile}");
        try
        {
            Driver = new ChromeDriver(_service, options, TimeSpan.FromSeconds(60));
        }
        catch
        {
            StopService();
            throw;
        }
    }

    public ChromeDriver Driver { get; }

    public void Dispose()
    {
        try
        {
            Driver.Quit();
        }
        finally
        {
            Driver.Dispose();
            StopService();
        }
    }

    private void StopService()
    {
        var pid = _service.ProcessId;
        _service.Dispose();
        // chromedriver normally ends with the session; if not, end it and the browsers it started by its id.
        if (pid > 0)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(10_000);
                }
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
            catch (InvalidOperationException)
            {
                // Exited between the look-up and the kill.
            }
        }

        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // A browser process still closing its profile; the temp folder is cleaned with the machine.
        }
    }
}
