using DataEngine.Core.Ports;

namespace DataEngine.Contracts;

public abstract partial class BlobStoreContract
{
    [Fact]
    public async Task Listing_returns_the_blobs_under_a_prefix_in_ordinal_name_order_with_their_info()
    {
        string[] names = ["b.txt", "a/b.txt", "a.txt", "a-1.txt", "B.txt", "a/c/d.txt", "ab.txt", "_.txt"];
        var written = new Dictionary<string, BlobInfo>();
        foreach (var name in names)
        {
            written[$"{Prefix}/list/{name}"] = await Store.WriteAsync(Blob($"list/{name}"), BlobContent.Bytes(0, name.Length * 10));
        }

        await Store.WriteAsync(Blob("listless.txt"), "not under list/"u8.ToArray());
        await Store.WriteAsync(Blob("list/elsewhere.txt", Containers.Curated), "another container"u8.ToArray());

        var all = await ListAsync($"{Prefix}/list/");
        Assert.Equal(names.Select(n => $"{Prefix}/list/{n}").Order(StringComparer.Ordinal), all.Select(b => b.Ref.Name));
        Assert.All(all, b =>
        {
            Assert.Equal(Containers.Work, b.Ref.Container);
            Assert.Equal((written[b.Ref.Name].Length, written[b.Ref.Name].ETag), (b.Length, b.ETag));
        });

        // A prefix need not end at a '/': it is matched on the name's characters.
        Assert.Equal(
            [$"{Prefix}/list/a-1.txt", $"{Prefix}/list/a.txt", $"{Prefix}/list/a/b.txt", $"{Prefix}/list/a/c/d.txt", $"{Prefix}/list/ab.txt"],
            (await ListAsync($"{Prefix}/list/a")).Select(b => b.Ref.Name));
        Assert.Equal([$"{Prefix}/list/a/b.txt", $"{Prefix}/list/a/c/d.txt"], (await ListAsync($"{Prefix}/list/a/")).Select(b => b.Ref.Name));
        Assert.Empty(await ListAsync($"{Prefix}/list/zzz"));
        Assert.Empty(await ListAsync($"{Prefix}/nothing-here/"));
        Assert.Equal([$"{Prefix}/list/elsewhere.txt"], (await ListAsync($"{Prefix}/", Containers.Curated)).Select(b => b.Ref.Name));
    }

    [Fact]
    public async Task Listing_many_blobs_returns_each_once_in_order_across_pages()
    {
        const int count = 300;
        // Unpadded numbers, written out of order: "10" sorts before "2".
        var names = Enumerable.Range(0, count).Select(i => $"{Prefix}/many/{i * 7919 % count}.txt").ToList();
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (name, ct) =>
            await Store.WriteAsync(new BlobRef(Containers.Work, name), System.Text.Encoding.UTF8.GetBytes(name), cancellationToken: ct));

        var listed = await ListAsync($"{Prefix}/many/");

        Assert.Equal(names.Order(StringComparer.Ordinal), listed.Select(b => b.Ref.Name));
        Assert.All(listed, b => Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(b.Ref.Name), b.Length));
    }

    [Fact]
    public async Task Listing_can_stop_early_and_be_cancelled()
    {
        for (var i = 0; i < 5; i++)
        {
            await Store.WriteAsync(Blob($"early/{i}.txt"), new byte[i]);
        }

        await foreach (var first in Store.ListAsync(Containers.Work, $"{Prefix}/early/"))
        {
            Assert.Equal($"{Prefix}/early/0.txt", first.Ref.Name);
            break;
        }

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in Store.ListAsync(Containers.Work, $"{Prefix}/early/", cancelled.Token))
            {
            }
        });
    }
}
