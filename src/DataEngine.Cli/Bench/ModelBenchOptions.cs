namespace DataEngine.Cli.Bench;

/// <summary>What `bench models` measures with: repetitions, sample size, how the model sessions run, and how often the simulated foundation model is wrong.</summary>
sealed record ModelBenchOptions(int Runs, int Texts, string Provider, int DeviceId, int Threads, int BatchSize, double FoundationErrorRate = 0.03);
