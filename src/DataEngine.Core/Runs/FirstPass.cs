using DataEngine.Core.Dedup;
using DataEngine.Core.Filters;
using DataEngine.Core.Items;
using DataEngine.Core.Pipeline;
using DataEngine.Core.Readers;

namespace DataEngine.Core.Runs;

/// <summary>
/// The first pass over one unit of raw bytes: decode, run the filters in order, key the survivor for exact dedup.
/// Pure computation, no I/O, so the durable activity and the benchmark run the very same code.
/// </summary>
public sealed class FirstPass(CompiledPipeline pipeline)
{
    /// <summary>Processes one unit. Returns the outcome and, when the item survived, the item with its filtered text.</summary>
    public (UnitOutcome Outcome, Item? Survivor) Process(ReadOnlyMemory<byte> raw, WorkUnit unit)
    {
        var decoder = pipeline.DecoderFor(unit.Source);
        if (decoder is null)
        {
            return (UnitOutcome.Quarantined(unit, $"{DecoderRegistry.NoReaderReason(unit.Source)} (readers exist for .jsonl, .ndjson, .txt, .md, .markdown, .html, .htm and .eml, each also gzip-compressed as .gz; or set reader.format)"), null);
        }

        if (raw.Length == 0)
        {
            return (UnitOutcome.Quarantined(unit, "empty file"), null);
        }

        var read = decoder.Decode(raw, new ItemLocation(unit.Source, unit.Position));
        if (read.Item is not { } item)
        {
            return (UnitOutcome.Quarantined(unit, read.Error ?? "unreadable"), null);
        }

        var doc = new TextDocument(item.Text);
        foreach (var filter in pipeline.Filters)
        {
            var verdict = filter.Apply(doc);
            if (!verdict.Keep)
            {
                var rejected = new UnitOutcome(item.Id, unit.Source, unit.Position, unit.Ordinal, ItemState.Rejected,
                    verdict.Rule, verdict.Value, verdict.ToString());
                return (rejected, null);
            }
        }

        var survivor = ReferenceEquals(doc.Text, item.Text) ? item : item with { Text = doc.Text };
        var key = pipeline.Config.Dedup.Exact ? ExactDedup.Key(survivor.Text) : null;
        return (new UnitOutcome(item.Id, unit.Source, unit.Position, unit.Ordinal, ItemState.Accepted, DedupKey: key), survivor);
    }
}
