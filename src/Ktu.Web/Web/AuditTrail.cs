using Ktu.Web.Data;
using Ktu.Web.Domain.Audit;

namespace Ktu.Web.Web;

/// <summary>Records a decision-relevant change in the same unit of work as the change itself.</summary>
public static class AuditTrail
{
    public static AuditEntry Record(AppDbContext db, CurrentUser me, DateTimeOffset at, string action, string entityType, string entityId,
        int? organisationId = null, string? embeteId = null, object? before = null, object? after = null)
    {
        var entry = AuditEntry.Create(at, me.Id, me.Email, action, entityType, entityId, organisationId, embeteId, before, after);
        db.AuditEntries.Add(entry);
        return entry;
    }
}
