using System.Runtime.CompilerServices;
using DataEngine.Local.Emulators;

namespace DataEngine.Contracts.Emulators;

/// <summary>
/// One Azurite and one Cosmos DB server for every test class of an assembly marked <c>[Collection("emulators")]</c>;
/// started before the first of them, stopped (by PID) after the last. Without Node.js the start throws and those tests
/// fail (not skip): the adapters must be tested on every machine. Each test assembly declares the collection itself
/// (<c>[CollectionDefinition("emulators")] class EmulatorCollection : ICollectionFixture&lt;EmulatorFixture&gt;</c>),
/// since xunit looks for collection definitions in the test assembly.
/// </summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    EmulatorHost? _host;

    public EmulatorHost Host => _host ?? throw new InvalidOperationException("The emulators are not started.");

    public async Task InitializeAsync() => _host = await EmulatorHost.StartAsync(Options(), CancellationToken.None);

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    /// <summary>Options that find the repository's emulators folder even when the tests run from an artifacts folder
    /// outside it (<c>--artifacts-path</c>).</summary>
    public static EmulatorOptions Options() => new() { EmulatorsDirectory = RepositoryEmulators() };

    static string? RepositoryEmulators([CallerFilePath] string thisFile = "")
    {
        for (var dir = Path.GetDirectoryName(thisFile); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "emulators", "package.json")))
            {
                return Path.Combine(dir, "emulators");
            }
        }

        return null; // Built elsewhere: EmulatorHost searches from the current and the application's folders.
    }
}
