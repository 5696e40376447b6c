using Ktu.Web.Domain.Audit;

namespace Ktu.UnitTests.Domain.Audit;

public sealed class AuditChainTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] OtherKey = Enumerable.Range(2, 32).Select(i => (byte)i).ToArray();

    private static List<AuditEntry> Chain(int n, byte[]? key = null)
    {
        var list = new List<AuditEntry>();
        var previous = AuditChain.Genesis;
        for (var i = 1; i <= n; i++)
        {
            var e = AuditEntry.Create(new DateTimeOffset(2027, 1, 1, 0, 0, i, TimeSpan.Zero), "u1", "soker.5001@demo.ktu",
                "application.submitted", "application", $"a{i}", 1, "trondelag", after: new { Amount = i * 1000 });
            e.Seal(i, previous, key ?? Key);
            previous = e.Hash;
            list.Add(e);
        }
        return list;
    }

    [Fact]
    public void An_untouched_chain_verifies()
    {
        var r = AuditChain.Verify(Chain(5), Key);
        Assert.True(r.Valid, r.Message);
        Assert.Equal(5, r.Entries);
    }

    [Fact]
    public void A_removed_entry_is_detected()
    {
        var chain = Chain(5);
        chain.RemoveAt(2);
        var r = AuditChain.Verify(chain, Key);
        Assert.False(r.Valid);
        Assert.Equal(3, r.FirstBrokenSequence);
    }

    [Fact]
    public void An_entry_whose_content_was_changed_is_detected()
    {
        var chain = Chain(3);
        var forged = AuditEntry.Create(chain[1].At, "u1", "soker.5001@demo.ktu", "application.submitted", "application", "a2", 1, "trondelag", after: new { Amount = 999_999 });
        forged.Seal(2, chain[0].Hash, Key);
        // Forging one entry with a fresh hash still breaks the link from the next one.
        chain[1] = forged;
        var r = AuditChain.Verify(chain, Key);
        Assert.False(r.Valid);
        Assert.Equal(3, r.FirstBrokenSequence);
    }

    [Fact]
    public void An_entry_is_sealed_only_once() =>
        Assert.Throws<InvalidOperationException>(() => Chain(1)[0].Seal(2, AuditChain.Genesis, Key));

    [Fact]
    public void Fields_cannot_be_shifted_between_each_other_without_changing_the_hash()
    {
        var a = AuditEntry.Create(DateTimeOffset.UnixEpoch, "ab", "c", "x", "t", "1");
        var b = AuditEntry.Create(DateTimeOffset.UnixEpoch, "a", "bc", "x", "t", "1");
        a.Seal(1, AuditChain.Genesis, Key);
        b.Seal(1, AuditChain.Genesis, Key);
        Assert.NotEqual(a.Hash, b.Hash);
    }

    [Fact]
    public void A_chain_rewritten_and_recomputed_without_the_key_is_detected()
    {
        // Whoever can write the database but has not the key recomputes every hash with a key of their own (or none).
        var rewritten = Chain(4, OtherKey);
        var r = AuditChain.Verify(rewritten, Key);
        Assert.False(r.Valid);
        Assert.Equal(1, r.FirstBrokenSequence);
    }

    [Fact]
    public void Entries_before_keying_are_checked_with_plain_sha256_and_the_rest_with_the_key()
    {
        var list = new List<AuditEntry>();
        var previous = AuditChain.Genesis;
        for (var i = 1; i <= 4; i++)
        {
            var e = AuditEntry.Create(new DateTimeOffset(2027, 1, 1, 0, 0, i, TimeSpan.Zero), "u1", null, "x", "t", $"{i}");
            e.Seal(i, previous, Key);
            previous = e.Hash;
            list.Add(e);
        }
        Assert.True(AuditChain.Verify(list, Key, keyedFrom: 1).Valid);
        // The same entries read as if 1-2 were from before keying: their keyed hashes are not plain SHA-256.
        Assert.False(AuditChain.Verify(list, Key, keyedFrom: 3).Valid);
    }

    [Fact]
    public void Anchors_show_entries_cut_from_the_end_and_a_rewritten_anchored_entry()
    {
        var chain = Chain(5);
        var at = new DateTimeOffset(2027, 1, 2, 0, 0, 0, TimeSpan.Zero);
        var anchors = new[] { new AuditAnchor(0, AuditChain.Genesis, 1, at), new AuditAnchor(5, chain[4].Hash, 1, at) };
        Assert.True(AuditChain.VerifyAnchors(chain.ToDictionary(e => e.Sequence, e => e.Hash), anchors).Valid);

        var cut = chain.Take(3).ToList();
        Assert.True(AuditChain.Verify(cut, Key).Valid); // the chain alone cannot see it
        var truncated = AuditChain.VerifyAnchors(cut.ToDictionary(e => e.Sequence, e => e.Hash), anchors);
        Assert.False(truncated.Valid);
        Assert.Contains("kortet ned", truncated.Message, StringComparison.Ordinal);

        var rewritten = chain.ToDictionary(e => e.Sequence, e => e.Hash);
        rewritten[5] = new string('a', 64);
        Assert.False(AuditChain.VerifyAnchors(rewritten, anchors).Valid);
    }

    [Fact]
    public void An_anchor_line_reads_back_only_with_its_key_and_unchanged()
    {
        var anchor = new AuditAnchor(42, new string('b', 64), 1, new DateTimeOffset(2027, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var line = anchor.ToLine(Key);
        Assert.Equal(anchor, AuditAnchor.FromLine(line, Key));
        Assert.Null(AuditAnchor.FromLine(line, OtherKey));
        Assert.Null(AuditAnchor.FromLine(line.Replace("42;", "41;", StringComparison.Ordinal), Key));
        Assert.Null(AuditAnchor.FromLine("garbage", Key));
        Assert.True(AuditAnchor.IsWellFormed(line));
        Assert.True(AuditAnchor.IsWellFormed(line.Replace("42;", "41;", StringComparison.Ordinal))); // forged, not cut off
        Assert.False(AuditAnchor.IsWellFormed(line[..^10])); // cut off by a crash
    }
}
