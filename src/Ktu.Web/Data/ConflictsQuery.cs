using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Data;

/// <summary>
/// Whether a user has declared a conflict (inhabilitet) on an application. Everyone who decides something about the
/// application or its grant asks this one question: assigning the case, deciding changes after the decision, and proposing,
/// confirming or cancelling a payment or a corrected letter.
/// </summary>
public static class ConflictsQuery
{
    public static Task<bool> HasDeclaredConflictAsync(this AppDbContext db, Guid applicationId, string? userId, CancellationToken ct) =>
        db.ImpartialityDeclarations.AsNoTracking().AnyAsync(d => d.ApplicationId == applicationId && d.UserId == userId && d.Conflict, ct);
}
