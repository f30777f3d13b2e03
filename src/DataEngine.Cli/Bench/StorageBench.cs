using System.Diagnostics;

namespace DataEngine.Cli.Bench;

/// <summary>
/// `bench storage`: blob write and read MB/s, record upserts/s and point reads/s of each storage implementation
/// (folder + SQLite, Azure Blob Storage + Cosmos DB on their emulators), each beside a baseline measured in the same
/// process on the same data with the client library alone: no engine code in between.
/// </summary>
sealed class StorageBench(StorageBenchWorkload workload, int repetitions)
{
    /// <summary>The adapter should keep at least this share of its baseline's throughput.</summary>
    const double Target = 0.8;

    /// <summary>One timed run: wall-clock seconds and the process's CPU seconds (all threads: GC and JIT included).</summary>
    readonly record struct Sample(double Seconds, double CpuSeconds, double? ServerCpuSeconds);

    public async Task<object> RunAsync(bool embeddedOnly, CancellationToken cancellationToken)
    {
        var embedded = await MeasureAllAsync(new StorageBenchEmbedded(workload), cancellationToken);
        var azure = embeddedOnly ? null : await MeasureAllAsync(new StorageBenchAzure(workload), cancellationToken);
        return new
        {
            bench = "storage",
            repetitions,
            statistic = "median",
            cores = Environment.ProcessorCount,
            target = Target,
            workload = new
            {
                blobs = workload.Blobs,
                blobMegabytes = Stats.Round(workload.Content.Length / 1e6),
                itemRecords = workload.Items,
                itemsPerUpsertCall = workload.ItemsPerCall,
                pointReads = workload.PointReads,
                pointRead = "IRecordStore.GetBatchAsync on batch markers: the port has no point read of one item record",
            },
            embedded,
            azure,
        };
    }

    async Task<Dictionary<string, object>> MeasureAllAsync(IStorageBenchTarget target, CancellationToken cancellationToken)
    {
        await using (target)
        {
            var result = new Dictionary<string, object> { ["implementation"] = await target.StartAsync(cancellationToken) };
            foreach (var measurement in target.Cases())
            {
                result[measurement.Name] = await MeasureAsync(target, measurement, cancellationToken);
            }

            return result;
        }
    }

    async Task<Dictionary<string, object>> MeasureAsync(IStorageBenchTarget target, StorageBenchCase measurement, CancellationToken cancellationToken)
    {
        if (measurement.SetupAsync is { } setup)
        {
            await setup(cancellationToken);
        }

        var repetition = 0;

        // Warm up both sides (JIT, connection pools, the emulators' own warm-up) at least once and for a second.
        var warmUp = Stopwatch.StartNew();
        do
        {
            await TimeAsync(target, measurement.Baseline, repetition++, cancellationToken);
            await TimeAsync(target, measurement.Adapter, repetition++, cancellationToken);
        }
        while (warmUp.Elapsed < TimeSpan.FromSeconds(1));

        // Alternate the two, so drift on this shared machine (and the stores' growth) falls on both alike.
        var baseline = new List<Sample>();
        var adapter = new List<Sample>();
        for (var i = 0; i < repetitions; i++)
        {
            baseline.Add(await TimeAsync(target, measurement.Baseline, repetition++, cancellationToken));
            adapter.Add(await TimeAsync(target, measurement.Adapter, repetition++, cancellationToken));
        }

        var baselineSeconds = Median(baseline, s => s.Seconds);
        var adapterSeconds = Median(adapter, s => s.Seconds);
        var ratio = baselineSeconds / adapterSeconds;
        var result = new Dictionary<string, object>
        {
            ["what"] = measurement.What,
            ["baseline"] = Side(measurement, measurement.Baseline, baseline),
            ["adapter"] = Side(measurement, measurement.Adapter, adapter),
            ["ratio"] = Stats.Round(ratio, 3),
        };
        if (measurement.HasTarget)
        {
            result["target"] = Target;
            result["meetsTarget"] = ratio >= Target;
        }

        return result;
    }

    static Dictionary<string, object> Side(StorageBenchCase measurement, StorageBenchSide side, List<Sample> samples)
    {
        var seconds = Median(samples, s => s.Seconds);
        var result = new Dictionary<string, object>
        {
            ["what"] = side.What,
            [measurement.RateName] = Stats.Round(measurement.UnitsPerRun / seconds, measurement.RateName == "megabytesPerSecond" ? 1 : 0),
            ["seconds"] = Stats.Round(seconds, 3),
            ["cpuSeconds"] = Stats.Round(Median(samples, s => s.CpuSeconds), 3),
        };
        if (samples.All(s => s.ServerCpuSeconds is not null))
        {
            result["serverCpuSeconds"] = Stats.Round(Median(samples, s => s.ServerCpuSeconds!.Value), 3);
        }

        return result;
    }

    static double Median(List<Sample> samples, Func<Sample, double> value) => Stats.Median(samples.Select(value).ToList());

    static async Task<Sample> TimeAsync(IStorageBenchTarget target, StorageBenchSide side, int repetition, CancellationToken cancellationToken)
    {
        var trial = await side.PrepareAsync(repetition, cancellationToken);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var server = target.ServerCpuSeconds();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await trial.RunAsync(cancellationToken);
        var sample = new Sample(
            clock.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds, target.ServerCpuSeconds() - server);
        if (trial.CleanupAsync is { } cleanup)
        {
            await cleanup();
        }

        return sample;
    }
}
