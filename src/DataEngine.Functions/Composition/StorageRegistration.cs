using DataEngine.Core.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DataEngine.Functions.Composition;

/// <summary>Registers the blob and record store adapters the Functions app runs on.</summary>
public static class StorageRegistration
{
    /// <summary>
    /// The one place the app picks its storage adapters. None exists for Azure yet, so this fails at start-up with the reason,
    /// rather than letting the first upload fail deep inside an activity. Ports registered before this call are kept.
    /// </summary>
    /// <param name="configuration">Where the Azure adapters will read their connections from.</param>
    /// <exception cref="InvalidOperationException">No <see cref="IBlobStore"/> or <see cref="IRecordStore"/> adapter is registered.</exception>
    public static IServiceCollection AddDataEngineStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var missing = new[] { typeof(IBlobStore), typeof(IRecordStore) }
            .Where(port => !services.Any(d => d.ServiceType == port))
            .Select(port => port.Name)
            .ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"DataEngine.Functions cannot start: no {string.Join(" or ", missing)} adapter is configured. " +
                "DataEngine.Azure adapters arrive with the Azure storage issue (Blob Storage, Cosmos DB); the embedded stores of " +
                "DataEngine.Local serve the CLI only and are not referenced by the Functions app (DESIGN.md).");
        }

        return services;
    }
}
