using Ktu.Web.Domain.Audit;

namespace Ktu.UnitTests.Domain.Audit;

public sealed class AuditChainTests
{
    private static List<AuditEntry> Chain(int n)
    {
        var list = new List<AuditEntry>();
        var previous = AuditChain.Genesis;
        for (var i = 1; i <= n; i++)
        {
            var e = AuditEntry.Create(new DateTimeOffset(2027, 1, 1, 0, 0, i, TimeSpan.Zero), "u1", "soker.5001@demo.ktu",
                "application.submitted", "application", $"a{i}", 1, "trondelag", after: new { Amount = i * 1000 });
            e.Seal(i, previous);
            previous = e.Hash;
            list.Add(e);
        }
        return list;
    }

    [Fact]
    public void An_untouched_chain_verifies()
    {
        var r = AuditChain.Verify(Chain(5));
        Assert.True(r.Valid, r.Message);
        Assert.Equal(5, r.Entries);
    }

    [Fact]
    public void A_removed_entry_is_detected()
    {
        var chain = Chain(5);
        chain.RemoveAt(2);
        var r = AuditChain.Verify(chain);
        Assert.False(r.Valid);
        Assert.Equal(3, r.FirstBrokenSequence);
    }

    [Fact]
    public void An_entry_whose_content_was_changed_is_detected()
    {
        var chain = Chain(3);
        var forged = AuditEntry.Create(chain[1].At, "u1", "soker.5001@demo.ktu", "application.submitted", "application", "a2", 1, "trondelag", after: new { Amount = 999_999 });
        forged.Seal(2, chain[0].Hash);
        // Forging one entry with a fresh hash still breaks the link from the next one.
        chain[1] = forged;
        var r = AuditChain.Verify(chain);
        Assert.False(r.Valid);
        Assert.Equal(3, r.FirstBrokenSequence);
    }

    [Fact]
    public void An_entry_is_sealed_only_once() =>
        Assert.Throws<InvalidOperationException>(() => Chain(1)[0].Seal(2, AuditChain.Genesis));

    [Fact]
    public void Fields_cannot_be_shifted_between_each_other_without_changing_the_hash()
    {
        var a = AuditEntry.Create(DateTimeOffset.UnixEpoch, "ab", "c", "x", "t", "1");
        var b = AuditEntry.Create(DateTimeOffset.UnixEpoch, "a", "bc", "x", "t", "1");
        a.Seal(1, AuditChain.Genesis);
        b.Seal(1, AuditChain.Genesis);
        Assert.NotEqual(a.Hash, b.Hash);
    }
}
