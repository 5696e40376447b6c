using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Ktu.Web.Domain.Audit;

/// <summary>The hash chain over the audit trail, as pure functions.</summary>
public static class AuditChain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>SHA-256 over every field, length-prefixed so no two different entries can share an input.</summary>
    public static string HashOf(AuditEntry e)
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
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }

    public sealed record Result(long Entries, bool Valid, long? FirstBrokenSequence, string Message);

    /// <summary>Checks entries in sequence order: numbering without gaps, each linked to the one before, each hash right.</summary>
    public static Result Verify(IEnumerable<AuditEntry> entriesInOrder)
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
            if (HashOf(e) != e.Hash)
            {
                return new(count, false, e.Sequence, Format.Text(AuditChainTexts.Verify_Altered, e.Sequence));
            }
            previous = e.Hash;
            expected++;
        }
        return new(count, true, null, Format.Text(AuditChainTexts.Verify_Whole, count));
    }
}
