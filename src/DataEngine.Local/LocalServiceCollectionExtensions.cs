using DataEngine.Core.Ports;
using DataEngine.Core.Reviews;
using DataEngine.Local.Blobs;
using DataEngine.Local.Records;
using Microsoft.Extensions.DependencyInjection;

namespace DataEngine.Local;

/// <summary>Registers the embedded adapters: blobs in a folder, records in SQLite, both under one state folder.</summary>
public static class LocalServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="FolderBlobStore"/> at <c>{stateFolder}/blobs</c>, and <see cref="SqliteRecordStore"/> and
    /// <see cref="SqliteReviewStore"/> and <see cref="SqliteReviewTokenLedger"/> in one database at <c>{stateFolder}/records.db</c>. When <paramref name="curatedFolder"/> is given, the curated container lives
    /// there instead, so a run's dataset and report land directly in the user's output folder.
    /// </summary>
    public static IServiceCollection AddLocalStorage(this IServiceCollection services, string stateFolder, string? curatedFolder = null)
    {
        var containers = curatedFolder is null ? null : new Dictionary<string, string> { [Containers.Curated] = curatedFolder };
        var blobs = new FolderBlobStore(Path.Combine(stateFolder, "blobs"), containers);
        var records = new SqliteRecordStore(Path.Combine(stateFolder, "records.db"));
        var reviews = new SqliteReviewStore(Path.Combine(stateFolder, "records.db"));
        var links = new SqliteReviewTokenLedger(Path.Combine(stateFolder, "records.db"));
        services.AddSingleton(blobs);
        services.AddSingleton<IBlobStore>(blobs);
        services.AddSingleton<IRecordStore>(records);
        services.AddSingleton<IReviewStore>(reviews);
        services.AddSingleton<IReviewTokenLedger>(links);
        return services;
    }
}
