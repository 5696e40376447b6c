using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Domain.Decisions;
using Ktu.Web.Domain.Rules;
using Ktu.Web.Web;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Applications;

/// <summary>
/// Takes a submitted application back before the deadline, so it can be changed and sent again.
/// The submission and its receipt stay as they were; withdrawing twice is harmless.
/// </summary>
internal static class Withdraw
{
    public static async Task<ApplicationView> HandleAsync(AppDbContext db, CurrentUser me, TimeProvider time, Guid id, CancellationToken ct)
    {
        var application = await ApplicationAccess.LoadOwnAsync(db, me, id, ct);
        var now = time.GetUtcNow();
        if (application.Status == ApplicationStatus.Withdrawn)
        {
            return await ApplicationView.LoadAsync(db, application, now, ct);
        }
        if (application.Status != ApplicationStatus.Submitted)
        {
            throw new RuleViolationException(ApplicationTexts.Withdraw_NotSubmitted, "application-not-submitted");
        }
        var view = await ApplicationView.LoadAsync(db, application, now, ct);
        if (!view.Rules.IsBeforeDeadline)
        {
            throw new RuleViolationException(
                Format.Text(ApplicationTexts.Withdraw_DeadlinePassed, Format.Deadline(view.Rules.Deadline)),
                ApplicationsCloseAtTheDeadline.Code);
        }

        if (await db.GrantDecisions.AnyAsync(d => d.ApplicationId == application.Id, ct))
        {
            throw new RuleViolationException(ApplicationTexts.Withdraw_DecisionMade, "decision-made");
        }
        if (await db.RoundStatusAsync(application.EmbeteId, application.SchemeYear, ct) is { } round and not RoundStatus.Draft)
        {
            throw new RuleViolationException(
                ApplicationTexts.Withdraw_RoundClosing,
                round == RoundStatus.Approved ? "round-approved" : "round-awaiting-approval");
        }

        application.Withdraw(me.Actor, now);
        // A case already assessed must be confirmed again when the application comes back changed.
        (await db.CaseFiles.SingleOrDefaultAsync(c => c.ApplicationId == application.Id, ct))?.Reopen(now);
        AuditTrail.Record(db, me, now, "application.withdrawn", "application", application.Id.ToString(),
            application.OrganisationId, application.EmbeteId,
            before: new { Status = "submitted" }, after: new { Status = "withdrawn", application.Version });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await ApplicationAccess.LoadOwnAsync(db, me, id, ct);
            if (current.Status != ApplicationStatus.Withdrawn)
            {
                throw;
            }
            application = current; // a colleague withdrew it at the same moment
        }
        return await ApplicationView.LoadAsync(db, application, now, ct);
    }
}
