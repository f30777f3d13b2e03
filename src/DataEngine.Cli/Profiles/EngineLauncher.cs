using DataEngine.Local;
using DataEngine.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace DataEngine.Cli.Profiles;

/// <summary>Starts the local engine for a profile, with the model tiers configured from the environment: one composition for every command.</summary>
static class EngineLauncher
{
    /// <exception cref="InvalidOperationException">The profile's stores are not reachable (local-azure without emulators or settings).</exception>
    public static async Task<LocalEngine> StartAsync(string profileName, string outFolder, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var profile = await EngineProfiles.ForAsync(profileName, outFolder, cancellationToken);

        // Model tiers from the environment: DataEngine__Foundation__Endpoint, DataEngine__Foundation__ApiKey,
        // DataEngine__Models__ExecutionProvider, ... (README, "Annotation").
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        return await LocalEngine.StartAsync(
            outFolder,
            loggerFactory,
            configureServices: services => services.AddDataEngineModels(configuration),
            storage: profile.Storage,
            durable: profile.Durable,
            cancellationToken: cancellationToken);
    }
}
