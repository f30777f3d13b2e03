using DataEngine.Core.Ports;

namespace DataEngine.Contracts;

public abstract partial class BlobStoreContract
{
    /// <summary>Big enough that a store writing in blocks has staged some before the writer fails or waits.</summary>
    const int SeveralMegabytes = 5 << 20;

    [Fact]
    public async Task Every_overwrite_changes_the_ETag_even_with_content_of_the_same_length()
    {
        var blob = Blob("overwritten.txt");
        var etags = new List<string>();
        // Quick successive writes of the same length: a version stamp from a coarse clock or the length alone repeats.
        foreach (var version in new[] { "one", "two", "six", "ten", "two", "one", "one", "one" })
        {
            var written = await Store.WriteAsync(blob, System.Text.Encoding.UTF8.GetBytes(version));
            etags.Add(written.ETag);
            Assert.Equal(version, System.Text.Encoding.UTF8.GetString(await ReadAsync(blob)));
            Assert.Equal(written.ETag, (await Store.GetInfoAsync(blob))?.ETag);
        }

        Assert.Equal(etags.Count, etags.Distinct().Count());
    }

    [Fact]
    public async Task Create_only_writes_a_new_blob_and_refuses_an_existing_one_leaving_it_unchanged()
    {
        var blob = Blob("create-only.txt");
        var first = await Store.WriteAsync(blob, "first"u8.ToArray(), BlobCondition.IfNotExists);

        var conflict = await Assert.ThrowsAsync<BlobConflictException>(() => Store.WriteAsync(blob, "second"u8.ToArray(), BlobCondition.IfNotExists));

        Assert.Equal(blob, conflict.Blob);
        Assert.Contains(blob.Name, conflict.Message);
        Assert.Equal("first"u8.ToArray(), await ReadAsync(blob));
        Assert.Equal(first.ETag, (await Store.GetInfoAsync(blob))?.ETag);
    }

    [Fact]
    public async Task If_match_replaces_the_version_that_was_read_and_refuses_a_stale_or_missing_one()
    {
        var blob = Blob("if-match.txt");
        var v1 = await Store.WriteAsync(blob, "v1"u8.ToArray());
        var v2 = await Store.WriteAsync(blob, "v2"u8.ToArray(), BlobCondition.IfUnchanged(v1.ETag));
        Assert.NotEqual(v1.ETag, v2.ETag);

        var stale = await Assert.ThrowsAsync<BlobConflictException>(() => Store.WriteAsync(blob, "v3"u8.ToArray(), BlobCondition.IfUnchanged(v1.ETag)));
        Assert.Equal(blob, stale.Blob);
        Assert.Equal("v2"u8.ToArray(), await ReadAsync(blob));
        Assert.Equal(v2.ETag, (await Store.GetInfoAsync(blob))?.ETag);

        var missing = Blob("if-match-missing.txt");
        await Assert.ThrowsAsync<BlobConflictException>(() => Store.WriteAsync(missing, "v1"u8.ToArray(), BlobCondition.IfUnchanged(v1.ETag)));
        Assert.Null(await Store.GetInfoAsync(missing));
    }

    [Fact]
    public async Task An_ETag_from_a_listing_or_from_info_works_as_an_if_match_condition()
    {
        var blob = Blob("etag-sources.txt");
        await Store.WriteAsync(blob, "v1"u8.ToArray());

        var listed = Assert.Single(await ListAsync(blob.Name));
        var v2 = await Store.WriteAsync(blob, "v2"u8.ToArray(), BlobCondition.IfUnchanged(listed.ETag));
        var info = await Store.GetInfoAsync(blob);
        await Store.WriteAsync(blob, "v3"u8.ToArray(), BlobCondition.IfUnchanged(info!.ETag));

        Assert.Equal(v2.ETag, info.ETag);
        Assert.Equal("v3"u8.ToArray(), await ReadAsync(blob));
    }

    [Theory]
    [InlineData(false, 10)]
    [InlineData(false, SeveralMegabytes)]
    [InlineData(true, 10)]
    [InlineData(true, SeveralMegabytes)]
    public async Task Of_two_conditional_writers_started_together_exactly_one_wins_and_the_other_conflicts(bool ifMatch, int size)
    {
        var blob = Blob($"race-{ifMatch}-{size}.bin");
        var condition = BlobCondition.IfNotExists;
        if (ifMatch)
        {
            condition = BlobCondition.IfUnchanged((await Store.WriteAsync(blob, "original"u8.ToArray())).ETag);
        }

        // Both writers are midway through their content before either may finish, so both are in flight at once.
        var bothStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;
        Task<BlobInfo> Writer(long seed) => Task.Run(() => Store.WriteAsync(blob, async (target, ct) =>
        {
            var content = BlobContent.Bytes(seed, size);
            await target.WriteAsync(content.AsMemory(0, size / 2), ct);
            if (Interlocked.Increment(ref started) == 2)
            {
                bothStarted.SetResult();
            }

            await bothStarted.Task.WaitAsync(TimeSpan.FromMinutes(1), ct);
            await target.WriteAsync(content.AsMemory(size / 2), ct);
        }, condition));

        var writers = new[] { Writer(1_000_000), Writer(2_000_000) };
        try
        {
            await Task.WhenAll(writers);
        }
        catch (BlobConflictException)
        {
            // Expected of one of them; which one is checked below.
        }

        var winner = Assert.Single(writers, w => w.IsCompletedSuccessfully);
        var loser = Assert.Single(writers, w => !w.IsCompletedSuccessfully);
        Assert.IsType<BlobConflictException>(loser.Exception?.InnerException);
        var seed = winner == writers[0] ? 1_000_000 : 2_000_000;
        Assert.Equal(BlobContent.Bytes(seed, size), await ReadAsync(blob));
        Assert.Equal((await winner).ETag, (await Store.GetInfoAsync(blob))?.ETag);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_writer_that_throws_midway_leaves_the_previous_content_or_no_blob(bool existed)
    {
        var blob = Blob("half-written.bin");
        var before = existed ? await Store.WriteAsync(blob, "previous"u8.ToArray()) : null;

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => Store.WriteAsync(blob, async (target, ct) =>
        {
            await target.WriteAsync(BlobContent.Bytes(0, SeveralMegabytes), ct);
            throw new InvalidOperationException("the source broke midway");
        }));

        Assert.Equal("the source broke midway", thrown.Message);
        var info = await Store.GetInfoAsync(blob);
        Assert.Equal(before?.ETag, info?.ETag);
        if (existed)
        {
            Assert.Equal("previous"u8.ToArray(), await ReadAsync(blob));
        }

        Assert.Equal(existed ? 1 : 0, (await ListAsync($"{Prefix}/")).Count);
    }

    [Fact]
    public async Task A_write_cancelled_midway_leaves_no_blob()
    {
        var blob = Blob("cancelled.bin");
        using var cancel = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.WriteAsync(blob, async (target, ct) =>
        {
            await target.WriteAsync(BlobContent.Bytes(0, SeveralMegabytes), ct);
            await cancel.CancelAsync();
            await target.WriteAsync(BlobContent.Bytes(0, 1024), ct);
            ct.ThrowIfCancellationRequested();
        }, cancellationToken: cancel.Token));

        Assert.Null(await Store.GetInfoAsync(blob));
        Assert.Empty(await ListAsync($"{Prefix}/"));
    }
}
