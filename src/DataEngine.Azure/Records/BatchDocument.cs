using System.Globalization;
using DataEngine.Core.Ports;

namespace DataEngine.Azure.Records;

/// <summary>A <see cref="BatchRecord"/> (completion marker) as stored beside its run, in the run's partition of the runs container.</summary>
sealed record BatchDocument(string Id, string Type, string RunId, int BatchIndex, int Items, DateTimeOffset CommittedAt)
{
    public const string Kind = "batch";

    public static string IdOf(int batchIndex) => string.Create(CultureInfo.InvariantCulture, $"batch-{batchIndex}");

    public static BatchDocument From(BatchRecord batch) =>
        new(IdOf(batch.BatchIndex), Kind, batch.RunId, batch.BatchIndex, batch.Items, batch.CommittedAt);

    public BatchRecord ToRecord() => new(RunId, BatchIndex, Items, CommittedAt);
}
