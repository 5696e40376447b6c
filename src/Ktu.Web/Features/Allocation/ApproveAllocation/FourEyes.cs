using Ktu.Web.Data;
using Ktu.Web.Domain.Decisions;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Allocation;

/// <summary>
/// Four eyes on an allocation: nobody approves an allocation in which they assessed a case, changed the allocation's
/// settings or adjustments, or sent it for approval (in this round or an earlier send of it), nor one with an
/// application they have declared a conflict on. Read from the audit trail and the declarations, which cannot be
/// rewritten, so moving a case away after assessing it, or holding both roles, does not clear anyone.
/// </summary>
internal static class FourEyes
{
    /// <summary>What the approver did in the allocation, by audit action, as the refusal names it.</summary>
    private static readonly string[] HandsOn = ["case.assessed", "allocation.adjusted", "allocation.settings-changed", "allocation.submitted"];

    /// <summary>Null when <paramref name="userId"/> may approve; otherwise the refusal.</summary>
    public static async Task<string?> RefusalAsync(AppDbContext db, AllocationRound round, IReadOnlyCollection<Guid> applicationIds, string userId, CancellationToken ct)
    {
        var entities = applicationIds.Select(id => id.ToString()).Append(round.Id.ToString()).ToList();
        var did = await db.AuditEntries.AsNoTracking()
            .Where(e => e.ActorUserId == userId && e.EmbeteId == round.EmbeteId && HandsOn.Contains(e.Action) && entities.Contains(e.EntityId))
            .Select(e => e.Action).Distinct().ToListAsync(ct);
        if (did.Contains("case.assessed"))
        {
            return AllocationTexts.Approve_HandledACase;
        }
        if (did.Contains("allocation.adjusted") || did.Contains("allocation.settings-changed"))
        {
            return AllocationTexts.Approve_AdjustedIt;
        }
        if (did.Contains("allocation.submitted"))
        {
            return AllocationTexts.Approve_OwnSubmission;
        }
        var conflicted = await db.ImpartialityDeclarations.AsNoTracking()
            .AnyAsync(d => d.UserId == userId && d.Conflict && applicationIds.Contains(d.ApplicationId), ct);
        return conflicted ? AllocationTexts.Approve_Conflict : null;
    }
}
