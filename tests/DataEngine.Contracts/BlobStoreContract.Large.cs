using System.Diagnostics;

namespace DataEngine.Contracts;

public abstract partial class BlobStoreContract
{
    /// <summary>The size of the large blob: at least 200 MB.</summary>
    protected const long LargeBlobBytes = 200L << 20;

    /// <summary>What writing and reading the large blob may allocate in all: far less than the blob, so it was never buffered whole.</summary>
    protected const long LargeBlobAllocationBudget = 64L << 20;

    [Fact]
    public async Task A_200_MB_blob_streams_in_and_back_out_intact_with_bounded_memory()
    {
        var blob = Blob("large/200mb.bin");
        byte[] written = [];
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();

        var info = await Store.WriteAsync(blob, async (target, ct) => { written = await BlobContent.WriteAsync(target, LargeBlobBytes, ct); }, condition: null);
        var writeTime = clock.Elapsed;
        (byte[] Sha256, long Length) read;
        await using (var stream = await Store.OpenReadAsync(blob))
        {
            read = await BlobContent.HashAsync(stream);
        }

        var readTime = clock.Elapsed - writeTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Output.WriteLine($"{GetType().Name}: wrote {LargeBlobBytes >> 20} MiB in {writeTime.TotalSeconds:F1} s " +
            $"({(LargeBlobBytes >> 20) / writeTime.TotalSeconds:F0} MiB/s), read it in {readTime.TotalSeconds:F1} s " +
            $"({(LargeBlobBytes >> 20) / readTime.TotalSeconds:F0} MiB/s), allocating {allocated / (1024.0 * 1024):F1} MiB");

        Assert.Equal(LargeBlobBytes, info.Length);
        Assert.Equal(LargeBlobBytes, read.Length);
        Assert.Equal(Convert.ToHexString(written), Convert.ToHexString(read.Sha256));
        Assert.True(allocated < LargeBlobAllocationBudget, $"Writing and reading {LargeBlobBytes >> 20} MiB allocated {allocated >> 20} MiB: the blob was buffered.");

        // A range deep inside holds the bytes generated for that position.
        const long offset = 150_000_003;
        Assert.Equal(BlobContent.Bytes(offset, 1_000_000), await ReadAsync(blob, offset, 1_000_000));
        Assert.True(await Store.DeleteAsync(blob));
    }
}
