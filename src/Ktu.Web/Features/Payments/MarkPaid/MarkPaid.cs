using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Letters;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Payments;

public sealed record MarkPaidRequest(DateOnly? PaidOn);

/// <summary>
/// Proposes that a grant was paid on a date (issue 16: after approval, two people): the proposal waits for a leader other
/// than the proposer to confirm it (<see cref="ConfirmPaid"/>), and until then the grant is not paid and stays in payment
/// files. A refusal has nothing to pay; a paid grant, or one with a proposal already waiting, is refused (409), also when
/// two people propose at the same moment; so is anyone with a declared conflict on the application. Audited ("payment.proposed").
/// </summary>
internal static class MarkPaid
{
    internal sealed record Input(Guid GrantId, DateOnly? PaidOn);

    internal abstract record Outcome;
    internal sealed record Proposed(GrantProposal Proposal, long Amount) : Outcome;
    internal sealed record Invalid(FieldErrors Errors) : Outcome;

    /// <summary>The endpoint under the grant's route group, which <see cref="PaymentsFeature"/> declares.</summary>
    public static void Map(RouteGroupBuilder grant) =>
        grant.MapPost("/paid", PostAsync)
            .RequireAuthorization(Policies.EmbeteStaff)
            .WithSummary("Foreslå at tilskuddet er betalt med dato (paidOn, åååå-mm-dd). Tilskuddet er ikke betalt før en annen leder i embetet har bekreftet det (/paid/confirm).")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Outcome> HandleAsync(AppDbContext db, CurrentUser me, TimeProvider time, Input input, CancellationToken ct)
    {
        var decision = await PaymentProposals.GrantAsync(db, me, input.GrantId, ct);
        if (input.PaidOn is not { } paidOn)
        {
            return new Invalid(FieldErrors.Of("paidOn", PaymentTexts.PaidOnMissing));
        }
        if (decision.IsRefusal)
        {
            throw new RuleViolationException(PaymentTexts.NothingToPay, "nothing-to-pay");
        }
        if (await db.GrantPayments.AsNoTracking().SingleOrDefaultAsync(p => p.GrantDecisionId == decision.Id, ct) is { } existing)
        {
            throw new RuleViolationException(Format.Text(PaymentTexts.AlreadyPaid, Format.Date(existing.PaidOn), existing.MarkedByName), "already-paid");
        }
        if (await db.HasDeclaredConflictAsync(decision.ApplicationId, me.Id, ct))
        {
            throw new RuleViolationException(PaymentTexts.Proposal_Conflicted, "conflict-declared");
        }
        if (await PaymentProposals.PendingAsync(db, decision.Id, ct) is { } pending)
        {
            throw new RuleViolationException(Format.Text(PaymentTexts.Proposal_AlreadyPending, Format.Date(pending.PaidOn!.Value), pending.ProposedByName), "proposal-pending");
        }
        var now = time.GetUtcNow();
        var proposal = GrantProposal.MarkPaid(decision, paidOn, me.Actor, now);
        db.GrantProposals.Add(proposal);
        AuditTrail.Record(db, me, now, "payment.proposed", "grant", decision.Id.ToString(), decision.OrganisationId, decision.EmbeteId,
            after: new { proposalId = proposal.Id, paidOn, amount = decision.AmountGranted, decision.CaseReference, decision.PaymentReference, status = "pending" });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The unique pending proposal per grant: someone else proposed it in the same instant.
            throw new RuleViolationException(PaymentTexts.ProposedConcurrently, "proposal-pending");
        }
        return new Proposed(proposal, decision.AmountGranted);
    }

    internal static async Task<Results<Accepted<PaymentProposalDto>, ValidationProblem>> PostAsync(
        AppDbContext db, CurrentUser me, TimeProvider time, Guid id, [FromBody] MarkPaidRequest? body, CancellationToken ct) =>
        await HandleAsync(db, me, time, new Input(id, body?.PaidOn), ct) switch
        {
            Proposed { Proposal: var p, Amount: var amount } => TypedResults.Accepted((string?)null, PaymentProposalDto.Of(p, amount)),
            Invalid invalid => invalid.Errors.ToValidationProblem(),
            var other => throw new InvalidOperationException($"Unexpected outcome {other}."),
        };
}
