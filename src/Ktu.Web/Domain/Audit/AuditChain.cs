using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Ktu.Web.Domain.Audit;

/// <summary>The hash chain over the audit trail, as pure functions.</summary>
public static class AuditChain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// The entry's hash over every field, length-prefixed so no two different entries can share an input: HMAC-SHA256
    /// with <paramref name="key"/> (kept outside the database, so whoever can write the database cannot recompute the
    /// chain), or plain SHA-256 for entries sealed before the chain was keyed (<paramref name="key"/> null).
    /// </summary>
    public static string HashOf(AuditEntry e, byte[]? key)
    {
        var fields = new[]
        {
            e.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
            e.At.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture),
            e.ActorUserId, e.ActorEmail, e.Action, e.EntityType, e.EntityId,
            e.OrganisationId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            e.EmbeteId, e.Before, e.After, e.PreviousHash,
        };
        var sb = new StringBuilder();
        foreach (var f in fields)
        {
            sb.Append(f is null ? "-1" : f.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(':').Append(f).Append('|');
        }
        var input = Encoding.UTF8.GetBytes(sb.ToString());
        return Convert.ToHexStringLower(key is null ? SHA256.HashData(input) : HMACSHA256.HashData(key, input));
    }

    public sealed record Result(long Entries, bool Valid, long? FirstBrokenSequence, string Message);

    /// <summary>
    /// Checks entries in sequence order: numbering without gaps, each linked to the one before, each hash right (keyed
    /// from <paramref name="keyedFrom"/> on, plain SHA-256 before it).
    /// </summary>
    public static Result Verify(IEnumerable<AuditEntry> entriesInOrder, byte[] key, long keyedFrom = 1)
    {
        var previous = Genesis;
        long expected = 1;
        long count = 0;
        foreach (var e in entriesInOrder)
        {
            count++;
            if (e.Sequence != expected)
            {
                return new(count, false, expected, Format.Text(AuditChainTexts.Verify_Missing, expected));
            }
            if (e.PreviousHash != previous)
            {
                return new(count, false, e.Sequence, Format.Text(AuditChainTexts.Verify_Unlinked, e.Sequence));
            }
            if (HashOf(e, e.Sequence >= keyedFrom ? key : null) != e.Hash)
            {
                return new(count, false, e.Sequence, Format.Text(AuditChainTexts.Verify_Altered, e.Sequence));
            }
            previous = e.Hash;
            expected++;
        }
        return new(count, true, null, Format.Text(AuditChainTexts.Verify_Whole, count));
    }

    /// <summary>
    /// Checks the chain against its anchors (head checkpoints written outside the database): each anchored entry must
    /// still be there with the same hash, so an entry removed from the end or a rewritten history shows.
    /// </summary>
    /// <param name="hashes">The hash of each entry in the database, by sequence.</param>
    public static Result VerifyAnchors(IReadOnlyDictionary<long, string> hashes, IReadOnlyList<AuditAnchor> anchors)
    {
        var head = hashes.Count == 0 ? 0 : hashes.Keys.Max();
        foreach (var a in anchors.Where(a => a.Sequence > 0))
        {
            if (a.Sequence > head)
            {
                return new(hashes.Count, false, head + 1, Format.Text(AuditChainTexts.Verify_Truncated, a.Sequence, Format.Deadline(a.At), head));
            }
            if (!hashes.TryGetValue(a.Sequence, out var hash) || hash != a.Hash)
            {
                return new(hashes.Count, false, a.Sequence, Format.Text(AuditChainTexts.Verify_AnchorMismatch, a.Sequence, Format.Deadline(a.At)));
            }
        }
        return new(hashes.Count, true, null, Format.Text(AuditChainTexts.Verify_Whole, hashes.Count));
    }
}
