using DataEngine.Core.Ports;
using DataEngine.Local.Blobs;
using DataEngine.Models.HashedNgrams;
using DataEngine.Models.Heads;

namespace DataEngine.Models.Tests.Heads;

/// <summary>The light tier wired by hand over a folder blob store in a temporary folder, as the DI extension wires it.</summary>
sealed class HeadsHarness : IDisposable
{
    public HeadsHarness(HeadOptions? options = null, Func<IBlobStore, IBlobStore>? wrap = null, string? root = null)
    {
        Root = root ?? Path.Combine(Path.GetTempPath(), $"heads-tests-{Guid.NewGuid():N}");
        OwnsRoot = root is null;
        Folder = new FolderBlobStore(Root);
        Blobs = wrap is null ? Folder : wrap(Folder);
        Options = options ?? new HeadOptions();
        Store = new HeadStore(Blobs);
        Trainer = new HeadTrainer(Options, TimeProvider.System);
        NgramTrainer = new NgramTrainer(Options, Featurizer, TimeProvider.System);
        Scorer = new HeadScorer(Store, Options);
        NgramScorer = new NgramScorer(Store, Featurizer, Options);
        Promoter = new HeadPromoter(Store, Options, TimeProvider.System);
        Training = new HeadTraining(Store, Trainer, Scorer, NgramTrainer, NgramScorer, Promoter);
        Annotator = new LightAnnotator(Store, Scorer, NgramScorer, Training);
    }

    public string Root { get; }

    bool OwnsRoot { get; }

    public FolderBlobStore Folder { get; }

    public IBlobStore Blobs { get; }

    public HeadOptions Options { get; }

    public HeadStore Store { get; }

    public NgramFeaturizer Featurizer { get; } = new();

    public HeadTrainer Trainer { get; }

    public NgramTrainer NgramTrainer { get; }

    public HeadScorer Scorer { get; }

    public NgramScorer NgramScorer { get; }

    public HeadPromoter Promoter { get; }

    public HeadTraining Training { get; }

    public LightAnnotator Annotator { get; }

    /// <summary>Every blob under heads/ with its ETag, to see what a call wrote.</summary>
    public async Task<List<string>> HeadBlobsAsync()
    {
        var blobs = new List<string>();
        await foreach (var blob in Folder.ListAsync(Containers.Work, "heads/"))
        {
            blobs.Add($"{blob.Ref.Name} {blob.ETag}");
        }

        return blobs;
    }

    public void Dispose()
    {
        Scorer.Dispose();
        NgramScorer.Dispose();
        if (OwnsRoot && Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
