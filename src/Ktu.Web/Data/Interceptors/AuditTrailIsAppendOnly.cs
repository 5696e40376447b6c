using Ktu.Web.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Ktu.Web.Data.Interceptors;

/// <summary>
/// Seals new audit entries onto the end of the hash chain in the same SaveChanges as the change they
/// record, and refuses any change or deletion of an existing entry. Two writers racing for the same
/// sequence number cannot both win: the unique index on Sequence fails the second SaveChanges, whose
/// caller retries or reports it (nothing is half-written).
/// </summary>
internal sealed class AuditTrailIsAppendOnly(bool seal) : SaveChangesInterceptor
{
    /// <summary>Refuses changes to existing entries; registered before SQLite's write gate, so a refusal never holds the gate.</summary>
    public static AuditTrailIsAppendOnly Guard() => new(seal: false);

    /// <summary>Seals new entries; registered after SQLite's write gate, so reading the chain's end and writing are one step.</summary>
    public static AuditTrailIsAppendOnly Sealer() => new(seal: true);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } db && Pending(db, seal) is { Count: > 0 } added)
        {
            var last = db.Set<AuditEntry>().AsNoTracking().OrderByDescending(e => e.Sequence).Select(e => new { e.Sequence, e.Hash }).FirstOrDefault();
            Seal(added, last?.Sequence ?? 0, last?.Hash ?? AuditChain.Genesis);
        }
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && Pending(db, seal) is { Count: > 0 } added)
        {
            var last = await db.Set<AuditEntry>().AsNoTracking().OrderByDescending(e => e.Sequence).Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(cancellationToken);
            Seal(added, last?.Sequence ?? 0, last?.Hash ?? AuditChain.Genesis);
        }
        return result;
    }

    private static List<AuditEntry> Pending(DbContext db, bool seal)
    {
        var added = new List<AuditEntry>();
        foreach (var entry in db.ChangeTracker.Entries<AuditEntry>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException($"Audit entry {entry.Entity.Sequence} is append-only; it cannot be {entry.State.ToString().ToLowerInvariant()}.");
            }
            if (seal && entry.State == EntityState.Added && !entry.Entity.IsSealed)
            {
                added.Add(entry.Entity);
            }
        }
        return added;
    }

    private static void Seal(List<AuditEntry> added, long lastSequence, string lastHash)
    {
        foreach (var e in added.OrderBy(e => e.At).ThenBy(e => e.Action, StringComparer.Ordinal))
        {
            e.Seal(++lastSequence, lastHash);
            lastHash = e.Hash;
        }
    }
}
