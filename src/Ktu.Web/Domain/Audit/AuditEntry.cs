using System.Text.Json;

namespace Ktu.Web.Domain.Audit;

/// <summary>
/// One decision-relevant change: who, what, when, before and after. Entries are appended, never
/// changed or deleted through the application, and each holds the hash of the one before it, so any
/// later edit or removal in the database breaks the chain and is found by <see cref="AuditChain.Verify"/>.
/// </summary>
public sealed class AuditEntry
{
    private AuditEntry()
    {
    }

    public long Id { get; private set; }
    /// <summary>1, 2, 3 ... in the order appended; unique, so two writers can never fork the chain.</summary>
    public long Sequence { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string? ActorUserId { get; private set; }
    public string? ActorEmail { get; private set; }
    /// <summary>A stable code, e.g. "application.submitted", "scheme.copied".</summary>
    public string Action { get; private set; } = "";
    public string EntityType { get; private set; } = "";
    public string EntityId { get; private set; } = "";
    public int? OrganisationId { get; private set; }
    public string? EmbeteId { get; private set; }
    /// <summary>JSON of the relevant state before and after; null when not applicable.</summary>
    public string? Before { get; private set; }
    public string? After { get; private set; }
    public string PreviousHash { get; private set; } = "";
    public string Hash { get; private set; } = "";

    public bool IsSealed => Hash.Length > 0;

    public static AuditEntry Create(DateTimeOffset at, string? actorUserId, string? actorEmail, string action, string entityType, string entityId,
        int? organisationId = null, string? embeteId = null, object? before = null, object? after = null) => new()
        {
            At = at,
            ActorUserId = actorUserId,
            ActorEmail = actorEmail,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            OrganisationId = organisationId,
            EmbeteId = embeteId,
            Before = before is null ? null : JsonSerializer.Serialize(before, AuditChain.Json),
            After = after is null ? null : JsonSerializer.Serialize(after, AuditChain.Json),
        };

    /// <summary>Links the entry after the one whose hash is <paramref name="previousHash"/> and computes its keyed hash.</summary>
    public void Seal(long sequence, string previousHash, byte[] key)
    {
        if (IsSealed)
        {
            throw new InvalidOperationException("An audit entry is sealed once.");
        }
        Sequence = sequence;
        PreviousHash = previousHash;
        Hash = AuditChain.HashOf(this, key);
    }
}
