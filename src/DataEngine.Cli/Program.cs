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
    config.AddBranch("bench", bench =>
    {
        bench.SetDescription("Measure throughput against a baseline in the same process; prints JSON on stdout.");
        bench.AddCommand<BenchFiltersCommand>("filters")
            .WithDescription("Readers + filters + dedup on one core, the Gopher rules alone, and the whole durable run, versus reading + UTF-8 decoding + SHA-256 of the same bytes.")
            .WithExample("bench", "filters", "../shared/data/spamassassin-dev.jsonl.gz");
    });
});
return await app.RunAsync(args);
