using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Decisions;
using Ktu.Web.Web;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Allocation;

/// <summary>
/// What every change to an allocation checks first: the caller's role, and that the round is in the state the change
/// needs at the version the caller saw. Each refusal is a rule violation (409) with a Norwegian message.
/// </summary>
internal static class RoundRules
{
    public static void RequireRole(CurrentUser me, string role, string message)
    {
        if (!me.IsInRole(role) || !me.IsEmbeteStaff)
        {
            throw new ForbiddenException(message);
        }
    }

    /// <summary>The round in draft, created on the first change (a second officer creating it at once gets a conflict and reloads).</summary>
    public static AllocationRound OpenDraft(AppDbContext db, RoundView view, int? version, TimeProvider time)
    {
        var round = view.Round;
        if (round is null)
        {
            round = AllocationRound.Start(view.EmbeteId, view.Year, time.GetUtcNow());
            db.AllocationRounds.Add(round);
            return round;
        }
        switch (round.Status)
        {
            case RoundStatus.AwaitingApproval:
                throw new RuleViolationException(AllocationTexts.Round_AwaitingApproval, "round-awaiting-approval");
            case RoundStatus.Approved:
                throw new RuleViolationException(AllocationTexts.Round_Approved, "round-approved");
        }
        if (version is { } v && v != round.Version)
        {
            throw new RuleViolationException(Format.Text(AllocationTexts.Round_ChangedBy, round.UpdatedByName ?? AllocationTexts.Round_Someone), "edit-conflict");
        }
        return round;
    }

    /// <summary>The round an approver acts on: sent for approval, not yet approved, at the version the approver saw.</summary>
    public static async Task<AllocationRound> AwaitingApprovalAsync(AppDbContext db, CurrentUser me, int year, int? version, CancellationToken ct)
    {
        var round = await db.AllocationRounds.Where(r => r.EmbeteId == me.StaffEmbeteId && r.SchemeYear == year)
            .OrderByDescending(r => r.Number).FirstOrDefaultAsync(ct);
        if (round is null || round.Status == RoundStatus.Draft)
        {
            throw new RuleViolationException(AllocationTexts.Round_NotSubmitted, "round-not-submitted");
        }
        if (round.Status == RoundStatus.Approved)
        {
            throw new RuleViolationException(Format.Text(AllocationTexts.Round_AlreadyApprovedBy, round.ApprovedByName), "already-approved");
        }
        if (version is { } v && v != round.Version)
        {
            throw new RuleViolationException(AllocationTexts.Round_ChangedSinceOpened, "edit-conflict");
        }
        return round;
    }

    /// <summary>Records a change of the round in the audit trail, in the same unit of work.</summary>
    public static void Audit(AppDbContext db, CurrentUser me, DateTimeOffset now, string action, AllocationRound round, object? before, object? after) =>
        AuditTrail.Record(db, me, now, action, "allocation-round", round.Id.ToString(), null, round.EmbeteId, before, after);
}
