using DataEngine.Core.Ports;

namespace DataEngine.Contracts;

public abstract partial class BlobStoreContract
{
    /// <summary>Invalid names ("{p}" stands for the test's prefix) and a phrase the refusal must contain.</summary>
    public static TheoryData<string, string> InvalidNames => new()
    {
        { "{p}/../../escape.txt", "'..' segment" },
        { "../escape.txt", "'..' segment" },
        { "{p}/./here.txt", "'.' segment" },
        { "/{p}/rooted.txt", "starts with '/'" },
        { "{p}\\windows.txt", "backslash" },
        { "{p}/tab\there.txt", "control character U+0009" },
        { "{p}/nul\0.txt", "control character U+0000" },
        { "{p}/c1-\u0085.txt", "control character U+0085" },
        { "{p}/lone-\uD800.txt", "unpaired surrogate" },
        { "{p}/private-\uE000.txt", "not a valid Unicode character" },
        { "{p}/" + new string('n', 1024), "over the limit of 1,024" },
        { "{p}" + string.Concat(Enumerable.Repeat("/s", BlobNames.MaxSegments)), "255 path segments" },
        { "{p}/trailing-dot.", "ends with '.'" },
        { "{p}/trailing-slash/", "ends with '/'" },
        { "{p}//double-slash.txt", "empty segment" },
        { "", "empty" },
    };

    [Theory]
    [MemberData(nameof(InvalidNames), DisableDiscoveryEnumeration = true)] // a lone surrogate would not survive serialisation
    public async Task An_invalid_name_is_refused_by_every_operation_with_the_rule_before_anything_is_written(string pattern, string rule)
    {
        var blob = new BlobRef(Containers.Work, pattern.Replace("{p}", Prefix, StringComparison.Ordinal));
        var writerCalled = false;

        var refusals = new[]
        {
            await Assert.ThrowsAsync<ArgumentException>(() => Store.WriteAsync(blob, (_, _) => { writerCalled = true; return Task.CompletedTask; }, condition: null)),
            await Assert.ThrowsAsync<ArgumentException>(() => Store.WriteAsync(blob, "x"u8.ToArray(), BlobCondition.IfNotExists)),
            await Assert.ThrowsAsync<ArgumentException>(() => Store.OpenReadAsync(blob)),
            await Assert.ThrowsAsync<ArgumentException>(() => Store.GetInfoAsync(blob)),
            await Assert.ThrowsAsync<ArgumentException>(() => Store.DeleteAsync(blob)),
        };

        Assert.False(writerCalled);
        var named = blob.Name.Length > 0 ? blob.Name[..Math.Min(20, blob.Name.Length)] : "''";
        Assert.All(refusals, refusal =>
        {
            Assert.Contains(rule, refusal.Message, StringComparison.Ordinal);
            Assert.Contains(named, refusal.Message, StringComparison.Ordinal);
        });
        Assert.Empty(await ListAsync(Prefix));
    }

    [Theory]
    [InlineData("Raw")]
    [InlineData("no_underscores")]
    [InlineData("ab")]
    [InlineData("double--dash")]
    public async Task An_invalid_container_is_refused_with_the_rule(string container)
    {
        var blob = new BlobRef(container, $"{Prefix}/x.txt");

        var refusal = await Assert.ThrowsAsync<ArgumentException>(() => Store.WriteAsync(blob, "x"u8.ToArray()));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.OpenReadAsync(blob));
        await Assert.ThrowsAsync<ArgumentException>(async () =>
        {
            await foreach (var _ in Store.ListAsync(container, Prefix))
            {
            }
        });

        Assert.Contains($"'{container}'", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Names_at_the_limits_and_with_characters_that_need_escaping_round_trip_and_list_as_written()
    {
        var longest = $"{Prefix}/" + string.Join('/', Enumerable.Range(0, 8).Select(i => new string((char)('a' + i), 110)));
        longest += "/" + new string('z', BlobNames.MaxNameLength - longest.Length - 1);
        string[] names =
        [
            longest,
            Prefix + string.Concat(Enumerable.Repeat("/s", BlobNames.MaxSegments - 1)),
            $"{Prefix}/with space/and #hash ?query %25 +plus &amp;=;@$,!'()~.txt",
            $"{Prefix}/données/日本語/ünïcödé 😀.jsonl",
            $"{Prefix}/dots/..double..dots..x",
        ];
        Assert.Equal(BlobNames.MaxNameLength, names[0].Length);

        foreach (var name in names)
        {
            var blob = new BlobRef(Containers.Raw, name);
            await Store.WriteAsync(blob, System.Text.Encoding.UTF8.GetBytes(name));
            Assert.Equal(name, System.Text.Encoding.UTF8.GetString(await ReadAsync(blob)));
            Assert.Equal(name, Assert.Single(await ListAsync(name, Containers.Raw)).Ref.Name);
        }

        Assert.Equal(names.Order(StringComparer.Ordinal), (await ListAsync($"{Prefix}/", Containers.Raw)).Select(b => b.Ref.Name));
    }
}
