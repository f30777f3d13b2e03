using System.Runtime.CompilerServices;
using DataEngine.Core.Pipeline;
using DataEngine.Core.Ports;

namespace DataEngine.Core.Runs;

/// <summary>
/// The raw blobs a run reads: every blob under a folder prefix (ending in '/'), or exactly one blob. Config files
/// among them configure the run and are not input.
/// </summary>
public static class RunSources
{
    public static async IAsyncEnumerable<BlobInfo> ListAsync(IBlobStore blobs, string sourcePrefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var folder = sourcePrefix.EndsWith('/');
        await foreach (var blob in blobs.ListAsync(Containers.Raw, sourcePrefix, cancellationToken))
        {
            // "mail/a.jsonl" names one blob: "mail/a.jsonl.bak" shares the prefix but is not part of the run.
            if ((folder || blob.Ref.Name == sourcePrefix) && !CompiledPipeline.IsConfigFile(blob.Ref.Name))
            {
                yield return blob;
            }
        }
    }
}
