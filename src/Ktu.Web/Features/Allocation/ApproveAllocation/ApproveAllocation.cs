using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Domain.Decisions;
using Ktu.Web.Domain.Rules;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Allocation;

public sealed record ApprovalResponse(int Decisions, RoundResponse Round);

/// <summary>
/// Four eyes: a leader who neither sent the allocation nor handled one of its cases approves it, once the application
/// deadline has passed (so no application comes in behind the decisions), which fixes one decision
/// per application, exactly as submitted. The round's version guards the whole step, and the unique decision per
/// application guards it again, so two approvers at once give one set of decisions and the pot is never over-spent.
/// </summary>
internal static class ApproveAllocation
{
    internal abstract record Outcome;
    internal sealed record Approved(int Decisions) : Outcome;

    public static void Map(RouteGroupBuilder year) =>
        year.MapPost("/approve", EndpointAsync)
            .WithSummary("Godkjenn fordelingen (leder, aldri den som sendte den). Fastsetter ett vedtak per søker som ikke kan endres.")
            .ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Outcome> HandleAsync(AppDbContext db, CurrentUser me, TimeProvider time, int year, int? version, CancellationToken ct)
    {
        RoundRules.RequireRole(me, Roles.Approver, AllocationTexts.Approve_OnlyLeaders);
        var round = await RoundRules.AwaitingApprovalAsync(db, me, year, version, ct);
        var actor = me.Actor;
        if (round.SubmittedByUserId == actor.UserId)
        {
            throw new RuleViolationException(AllocationTexts.Approve_OwnSubmission, "four-eyes");
        }
        var view = await RoundView.LoadAsync(db, round.EmbeteId, year, ct);
        var scheme = await db.Reference.SchemeYearAsync(year, ct) ?? throw new NotFoundException(AllocationTexts.SchemeYear_NotFound);
        if (!ApprovalWaitsForTheDeadline.Allows(scheme, view.Pot, time.GetUtcNow()))
        {
            throw new RuleViolationException(
                Format.Text(AllocationTexts.Approve_BeforeDeadline, Format.Deadline(Deadline.For(scheme, view.Pot))), "before-deadline");
        }
        if (view.Blockers() is { Count: > 0 } blockers)
        {
            throw new RuleViolationException(AllocationTexts.Approve_NotReady + string.Join(" ", blockers), "round-not-ready");
        }
        if (view.TotalFinal != round.SubmittedTotal)
        {
            throw new RuleViolationException(AllocationTexts.Approve_RoundChanged, "round-changed");
        }
        var caseFiles = await db.CaseFiles.AsNoTracking()
            .Where(c => c.EmbeteId == round.EmbeteId && c.SchemeYear == year)
            .ToDictionaryAsync(c => c.ApplicationId, c => (Officer: c.AssignedOfficerId, c.ExtraConditions), ct);
        if (caseFiles.Values.Any(c => c.Officer == actor.UserId))
        {
            throw new RuleViolationException(AllocationTexts.Approve_HandledACase, "four-eyes");
        }
        if (await FourEyes.RefusalAsync(db, round, view.Lines.Select(l => l.ApplicationId).Distinct().ToList(), actor.UserId, ct) is { } refusal)
        {
            throw new RuleViolationException(refusal, "four-eyes");
        }

        var now = time.GetUtcNow();
        var applications = await db.Applications.AsNoTracking()
            .Where(a => a.EmbeteId == round.EmbeteId && a.SchemeYear == year && a.Status == ApplicationStatus.Submitted)
            .ToDictionaryAsync(a => a.Id, ct);
        var organisations = await db.Organisations.AsNoTracking()
            .Where(o => applications.Values.Select(a => a.OrganisationId).Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, ct);
        var officerIds = caseFiles.Values.Select(c => c.Officer).OfType<string>().Distinct().ToList();
        var officerUsers = await db.Users.AsNoTracking().Where(u => officerIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => new Actor(u.Id, u.FullName, u.Email), ct);
        var submitter = new Actor(round.SubmittedByUserId!, round.SubmittedByName, null);
        var made = 0;
        foreach (var group in view.Lines.GroupBy(l => l.ApplicationId))
        {
            // A further round adds a supplementary decision only where it grants more; the first decision stands as it is.
            if (round.Number > 1 && group.Sum(l => l.AmountFinal) == 0)
            {
                continue;
            }
            var application = applications[group.Key];
            var snapshot = (await db.ApplicationSubmissions.AsNoTracking().Where(s => s.ApplicationId == application.Id).OrderByDescending(s => s.Number).FirstAsync(ct)).ReadSnapshot();
            var caseFile = caseFiles.GetValueOrDefault(application.Id);
            // The officer who assessed the application (issue 16), not only whoever has the case at approval.
            var officer = group.First().AssessedBy
                ?? (caseFile.Officer is { } id && officerUsers.TryGetValue(id, out var o) ? o : submitter);
            var lines = group.Select(l => new DecisionLine(l.Line.Id, l.Line.Part, l.Line.Label, l.Line.AmountApplied, l.AmountFinal, l.FinalReason)).ToList();
            var decision = GrantDecision.Make(Guid.NewGuid(), application.Id, round.Id, organisations[application.OrganisationId], year,
                application.Reference ?? "", snapshot.Application.AccountNumber, snapshot.Application.PaymentRemark, lines,
                caseFile.ExtraConditions, officer, actor, now, round.Number);
            db.GrantDecisions.Add(decision);
            AuditTrail.Record(db, me, now, "decision.made", "application", application.Id.ToString(), application.OrganisationId, application.EmbeteId,
                after: new { decision.Id, round = round.Number, decision.AmountApplied, decision.AmountGranted, accountNumber = decision.AccountNumber, officer = decision.OfficerName, approver = decision.ApproverName });
            made++;
        }
        round.Approve(actor, now);
        RoundRules.Audit(db, me, now, "allocation.approved", round, null, new { round = round.Number, total = view.TotalFinal, pot = view.PotAmount, decisions = made });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
        {
            // The unique decision per application: someone else approved in the same instant.
            throw new RuleViolationException(AllocationTexts.Approve_AlreadyApproved, "already-approved");
        }
        return new Approved(made);
    }

    internal static async Task<Ok<ApprovalResponse>> EndpointAsync(AppDbContext db, CurrentUser me, TimeProvider time, int year, [FromBody] RoundVersionInput? body, CancellationToken ct)
    {
        var approved = (Approved)await HandleAsync(db, me, time, year, body?.Version, ct);
        db.ChangeTracker.Clear();
        return TypedResults.Ok(new ApprovalResponse(approved.Decisions, ViewAllocation.ToResponse(await RoundView.LoadAsync(db, me.StaffEmbeteId, year, ct))));
    }
}
