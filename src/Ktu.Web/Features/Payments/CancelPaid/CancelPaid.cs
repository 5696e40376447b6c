using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Letters;
using Ktu.Web.Domain.Rules;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Payments;

/// <summary>
/// A proposed payment is withdrawn by its proposer or refused by a leader; the grant stays unpaid and a new date can be
/// proposed. Nobody else, and nobody with a declared conflict, cancels it. Audited ("payment.proposal-cancelled").
/// </summary>
internal static class CancelPaid
{
    internal sealed record Input(Guid GrantId, Guid? ProposalId);

    internal abstract record Outcome;
    internal sealed record Cancelled(GrantProposal Proposal, long Amount) : Outcome;
    internal sealed record Invalid(FieldErrors Errors) : Outcome;

    public static void Map(RouteGroupBuilder grant) =>
        grant.MapPost("/paid/cancel", PostAsync)
            .RequireAuthorization(Policies.EmbeteStaff)
            .WithSummary("Trekk tilbake (den som foreslo) eller avvis (leder) et forslag om at tilskuddet er betalt. Tilskuddet forblir ubetalt.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Outcome> HandleAsync(AppDbContext db, CurrentUser me, TimeProvider time, Input input, CancellationToken ct)
    {
        var decision = await PaymentProposals.GrantAsync(db, me, input.GrantId, ct);
        if (input.ProposalId is not { } proposalId)
        {
            return new Invalid(FieldErrors.Of("proposalId", PaymentTexts.Proposal_IdMissing));
        }
        var proposal = await PaymentProposals.ProposalToDecideAsync(db, me, decision, proposalId, ASecondPersonConfirmsAfterApproval.MayCancel, ct);
        var now = time.GetUtcNow();
        proposal.Cancel(me.Actor, now);
        AuditTrail.Record(db, me, now, "payment.proposal-cancelled", "grant", decision.Id.ToString(), decision.OrganisationId, decision.EmbeteId,
            before: new { proposalId = proposal.Id, status = "pending", paidOn = proposal.PaidOn, proposedBy = proposal.ProposedByName },
            after: new { proposalId = proposal.Id, status = "cancelled", cancelledBy = me.Actor.DisplayName });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new RuleViolationException(PaymentTexts.Proposal_DecidedConcurrently, "proposal-closed");
        }
        return new Cancelled(proposal, decision.AmountGranted);
    }

    internal static async Task<Results<Ok<PaymentProposalDto>, ValidationProblem>> PostAsync(
        AppDbContext db, CurrentUser me, TimeProvider time, Guid id, [FromBody] PaymentProposalStep? body, CancellationToken ct) =>
        await HandleAsync(db, me, time, new Input(id, body?.ProposalId), ct) switch
        {
            Cancelled { Proposal: var p, Amount: var amount } => TypedResults.Ok(PaymentProposalDto.Of(p, amount)),
            Invalid invalid => invalid.Errors.ToValidationProblem(),
            var other => throw new InvalidOperationException($"Unexpected outcome {other}."),
        };
}
