using DataEngine.Core.Ports;
using Xunit.Abstractions;

namespace DataEngine.Contracts;

/// <summary>
/// What every <see cref="IBlobStore"/> must do, run unchanged against each implementation. Containers are fixed
/// (raw, work, curated), so each test isolates itself under a unique first name segment, <see cref="Prefix"/>,
/// and removes what it wrote there when it ends.
/// </summary>
public abstract partial class BlobStoreContract(ITestOutputHelper output) : IAsyncLifetime
{
    static readonly string[] AllContainers = [Containers.Raw, Containers.Work, Containers.Curated];

    IBlobStore? _store;

    /// <summary>The store under test, fresh for each test.</summary>
    protected IBlobStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    /// <summary>The first segment of every blob name this test uses: unique per test, so tests never see each other's blobs.</summary>
    protected string Prefix { get; } = $"contract-{Guid.NewGuid():N}";

    protected ITestOutputHelper Output => output;

    /// <summary>A fresh store; it may share its storage with other tests, which use other prefixes.</summary>
    protected abstract Task<IBlobStore> CreateStoreAsync();

    /// <summary>Releases what <see cref="CreateStoreAsync"/> made, after this test's blobs were deleted.</summary>
    protected virtual Task DisposeStoreAsync() => Task.CompletedTask;

    public async Task InitializeAsync() => _store = await CreateStoreAsync();

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            foreach (var container in AllContainers)
            {
                await foreach (var blob in _store.ListAsync(container, Prefix + "/"))
                {
                    await _store.DeleteAsync(blob.Ref);
                }
            }
        }

        await DisposeStoreAsync();
    }

    /// <summary>A blob of this test: "{Prefix}/{name}".</summary>
    protected BlobRef Blob(string name, string container = Containers.Work) => new(container, $"{Prefix}/{name}");

    protected async Task<byte[]> ReadAsync(BlobRef blob, long offset = 0, long? length = null)
    {
        await using var stream = await Store.OpenReadAsync(blob, offset, length);
        return await BlobContent.ReadAllAsync(stream);
    }

    protected async Task<List<BlobInfo>> ListAsync(string prefix, string container = Containers.Work)
    {
        var found = new List<BlobInfo>();
        await foreach (var blob in Store.ListAsync(container, prefix))
        {
            found.Add(blob);
        }

        return found;
    }

    [Fact]
    public async Task A_written_blob_reads_back_byte_for_byte_and_its_info_describes_it()
    {
        var blob = Blob("round/trip.bin");
        var content = BlobContent.Bytes(0, 100_003);
        var before = DateTimeOffset.UtcNow;

        var written = await Store.WriteAsync(blob, content);

        Assert.Equal(content, await ReadAsync(blob));
        Assert.Equal(blob, written.Ref);
        Assert.Equal(content.Length, written.Length);
        Assert.False(string.IsNullOrEmpty(written.ETag));
        Assert.InRange(written.LastModified, before.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));
        var info = await Store.GetInfoAsync(blob);
        Assert.NotNull(info);
        Assert.Equal((written.Ref, written.Length, written.ETag), (info.Ref, info.Length, info.ETag));
    }

    [Fact]
    public async Task An_empty_blob_exists_with_length_zero_and_reads_as_nothing()
    {
        var blob = Blob("empty.txt");

        var written = await Store.WriteAsync(blob, ReadOnlyMemory<byte>.Empty);

        Assert.Equal(0, written.Length);
        Assert.Equal(0, (await Store.GetInfoAsync(blob))?.Length);
        Assert.Empty(await ReadAsync(blob));
        Assert.Empty(await ReadAsync(blob, offset: 0, length: 10));
    }

    [Fact]
    public async Task Content_written_synchronously_and_in_odd_sized_pieces_reads_back_in_order()
    {
        var blob = Blob("pieces.bin");
        var content = BlobContent.Bytes(0, (9 << 20) + 7);

        await Store.WriteAsync(blob, async (target, ct) =>
        {
            var at = 0;
            for (var (index, piece) = (0, 1); at < content.Length; index++, piece = piece * 3 % 1_000_003)
            {
                var take = Math.Min(piece, content.Length - at);
                if (index % 2 == 0)
                {
                    target.Write(content, at, take); // as a synchronous serializer would
                }
                else
                {
                    await target.WriteAsync(content.AsMemory(at, take), ct);
                }

                at += take;
            }
        }, condition: null);

        Assert.Equal(content, await ReadAsync(blob));
    }

    [Theory]
    [InlineData(0L, null, 0, 10_000)]
    [InlineData(0L, 10_000L, 0, 10_000)]
    [InlineData(100L, 50L, 100, 50)]
    [InlineData(4_093L, 1L, 4_093, 1)]
    [InlineData(9_990L, null, 9_990, 10)]
    [InlineData(9_990L, 100L, 9_990, 10)] // past the end: the rest, no error
    [InlineData(10_000L, null, 0, 0)] // at the end: nothing
    [InlineData(12_000L, 5L, 0, 0)] // beyond the end: nothing
    [InlineData(5_000L, 0L, 0, 0)]
    public async Task A_range_read_returns_exactly_the_bytes_of_that_range(long offset, long? length, int expectedStart, int expectedCount)
    {
        var blob = Blob("ranges.bin");
        var content = BlobContent.Bytes(0, 10_000);
        await Store.WriteAsync(blob, content);

        await using var stream = await Store.OpenReadAsync(blob, offset, length);
        var read = await BlobContent.ReadAllAsync(stream, readSize: 7);

        Assert.Equal(content.AsSpan(expectedStart, expectedCount).ToArray(), read);
    }

    [Fact]
    public async Task Lines_read_one_range_at_a_time_as_the_planner_cut_them_match_the_file()
    {
        var blob = Blob("lines.jsonl", Containers.Raw);
        var lines = Enumerable.Range(0, 200).Select(i => $"{{\"id\":{i},\"text\":\"{new string((char)('a' + i % 26), i % 37)}\"}}").ToList();
        await Store.WriteAsync(blob, System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"));

        long offset = 0;
        foreach (var line in lines)
        {
            var length = System.Text.Encoding.UTF8.GetByteCount(line);
            Assert.Equal(line, System.Text.Encoding.UTF8.GetString(await ReadAsync(blob, offset, length)));
            offset += length + 1;
        }

        // One range over a run of lines, as a batch reads its units.
        var batch = string.Join('\n', lines[10..20]);
        var start = lines.Take(10).Sum(l => System.Text.Encoding.UTF8.GetByteCount(l) + 1);
        Assert.Equal(batch, System.Text.Encoding.UTF8.GetString(await ReadAsync(blob, start, System.Text.Encoding.UTF8.GetByteCount(batch))));
    }

    [Fact]
    public async Task A_negative_offset_or_length_is_refused()
    {
        var blob = Blob("negative.bin");
        await Store.WriteAsync(blob, new byte[10]);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.OpenReadAsync(blob, offset: -1));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.OpenReadAsync(blob, offset: 0, length: -1));
    }

    [Fact]
    public async Task A_missing_blob_is_not_found_on_read_null_on_info_and_false_on_delete()
    {
        foreach (var container in AllContainers)
        {
            var blob = Blob("never/written.txt", container);

            var notFound = await Assert.ThrowsAsync<BlobNotFoundException>(() => Store.OpenReadAsync(blob));
            Assert.Equal(blob, notFound.Blob);
            await Assert.ThrowsAsync<BlobNotFoundException>(() => Store.OpenReadAsync(blob, 10, 20));
            Assert.Null(await Store.GetInfoAsync(blob));
            Assert.False(await Store.DeleteAsync(blob));
        }
    }

    [Fact]
    public async Task A_deleted_blob_is_gone_from_reads_info_and_listings()
    {
        var blob = Blob("deleted/one.txt");
        var kept = Blob("deleted/two.txt");
        await Store.WriteAsync(blob, "doomed"u8.ToArray());
        await Store.WriteAsync(kept, "kept"u8.ToArray());

        Assert.True(await Store.DeleteAsync(blob));

        Assert.False(await Store.DeleteAsync(blob));
        Assert.Null(await Store.GetInfoAsync(blob));
        await Assert.ThrowsAsync<BlobNotFoundException>(() => Store.OpenReadAsync(blob));
        Assert.Equal([kept.Name], (await ListAsync($"{Prefix}/deleted/")).Select(b => b.Ref.Name));
        Assert.Equal("kept"u8.ToArray(), await ReadAsync(kept));
    }
}
