using DataEngine.Cli.Commands;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("dataengine");
    config.AddCommand<RunCommand>("run")
        .WithDescription("Curate a file or folder: read, filter, deduplicate and export it as a durable run on this machine.")
        .WithExample("run", "samples/mail")
        .WithExample("run", "corpus.jsonl", "--config", "pipeline.yaml", "--out", "out");
    config.AddCommand<ServeCommand>("serve")
        .WithDescription("Serve the engine on this machine: files dropped in the inbox folder start runs, and the review page and API (127.0.0.1) take the reviewers' answers.")
        .WithExample("serve", "--config", "samples/mail/pipeline-annotate.yaml")
        .WithExample("serve", "--out", "out", "--port", "7071");
    config.AddCommand<TrainCommand>("train")
        .WithDescription("Retrain an annotation task's light heads from the labels gathered so far; a new head is promoted only if it beats the current one.")
        .WithExample("train", "spam", "--config", "samples/mail/pipeline-annotate.yaml");
    config.AddBranch("bench", bench =>
    {
        bench.SetDescription("Measure throughput against a baseline in the same process; prints JSON on stdout.");
        bench.AddCommand<BenchFiltersCommand>("filters")
            .WithDescription("Readers + filters + dedup on one core, the Gopher rules alone, and the whole durable run, versus reading + UTF-8 decoding + SHA-256 of the same bytes.")
            .WithExample("bench", "filters", "../shared/data/spamassassin-dev.jsonl.gz");
        bench.AddCommand<BenchStorageCommand>("storage")
            .WithDescription("Blob write/read MB/s, record upserts/s and point reads/s of the folder + SQLite and the Azure adapters (on emulators it starts), versus their client libraries alone.")
            .WithExample("bench", "storage", "--runs", "5");
        bench.AddCommand<BenchModelsCommand>("models")
            .WithDescription("Embedder texts/s at 128 and 256 tokens (CPU or CUDA) versus a minimal ONNX Runtime loop; n-gram head scoring items/s; the cascade versus light-only and foundation-only labelling with a simulated foundation model.")
            .WithExample("bench", "models", "--only", "embedder", "--provider", "cuda");
        bench.AddCommand<BenchActiveLearningCommand>("active-learning")
            .WithDescription("Human labels each active-learning strategy needs (simulated reviewer answering from `label`) for the n-gram head to reach 95% of its full-pool F1, versus random selection; JSON and an SVG plot.")
            .WithExample("bench", "active-learning", "--seeds", "5", "--plot", "out/bench-active-learning.svg");
    });
    config.AddBranch("emulators", emulators =>
    {
        emulators.SetDescription("Azurite and a Cosmos DB server on loopback, for the Azure adapters on this machine (needs Node.js 20+ and npm).");
        emulators.AddCommand<EmulatorsCommandStart>("start")
            .WithDescription("Start both in the background (installing their npm packages the first time) and print their connection settings.")
            .WithExample("emulators", "start")
            .WithExample("emulators", "start", "--state", "out/.dataengine");
        emulators.AddCommand<EmulatorsCommandStatus>("status")
            .WithDescription("Check that the started emulators still run and answer; print their connection settings.");
        emulators.AddCommand<EmulatorsCommandStop>("stop")
            .WithDescription("Stop the started emulators (SIGTERM, then SIGKILL after a grace period) and remove their state file.");
    });
});
return await app.RunAsync(args);
