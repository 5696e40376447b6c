using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Letters;
using Ktu.Web.Domain.Rules;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Payments;

public sealed record PaidResponse(Guid GrantId, DateOnly PaidOn, long Amount, string ProposedBy, string MarkedBy);

/// <summary>
/// A leader other than the proposer confirms a proposed payment (<see cref="MarkPaid"/>): only now is the grant paid and
/// kept out of later payment files. The proposer, a case officer and anyone with a declared conflict are refused, and so
/// is a proposal already confirmed or cancelled. Audited ("payment.marked-paid", with the proposal before and the payment after).
/// </summary>
internal static class ConfirmPaid
{
    internal sealed record Input(Guid GrantId, Guid? ProposalId);

    internal abstract record Outcome;
    internal sealed record Confirmed(GrantPayment Payment, string ProposedBy) : Outcome;
    internal sealed record Invalid(FieldErrors Errors) : Outcome;

    public static void Map(RouteGroupBuilder grant) =>
        grant.MapPost("/paid/confirm", PostAsync)
            .RequireAuthorization(Policies.Approver)
            .WithSummary("Bekreft at tilskuddet er betalt (leder, ikke den som foreslo det). Først nå er tilskuddet markert som betalt.")
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
        var proposal = await PaymentProposals.ProposalToDecideAsync(db, me, decision, proposalId, ASecondPersonConfirmsAfterApproval.MayConfirm, ct);
        var now = time.GetUtcNow();
        proposal.Confirm(me.Actor, now);
        var offset = await db.ClaimOffsets.Where(o => o.PaymentDecisionId == decision.Id).SumAsync(o => (long?)o.Amount, ct) ?? 0;
        var payment = GrantPayment.Mark(decision, proposal.PaidOn!.Value, me.Actor, now, offset);
        db.GrantPayments.Add(payment);
        AuditTrail.Record(db, me, now, "payment.marked-paid", "grant", decision.Id.ToString(), decision.OrganisationId, decision.EmbeteId,
            before: new { proposalId = proposal.Id, status = "pending", proposedBy = proposal.ProposedByName },
            after: new
            {
                proposalId = proposal.Id,
                status = "confirmed",
                paidOn = payment.PaidOn,
                amount = payment.Amount,
                granted = decision.AmountGranted,
                offset,
                decision.CaseReference,
                decision.PaymentReference,
                proposedBy = proposal.ProposedByName,
                confirmedBy = me.Actor.DisplayName,
            });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The proposal's version or the one payment per grant: someone else decided it in the same instant.
            throw new RuleViolationException(PaymentTexts.PaidConcurrently, "already-paid");
        }
        return new Confirmed(payment, proposal.ProposedByName);
    }

    internal static async Task<Results<Ok<PaidResponse>, ValidationProblem>> PostAsync(
        AppDbContext db, CurrentUser me, TimeProvider time, Guid id, [FromBody] PaymentProposalStep? body, CancellationToken ct) =>
        await HandleAsync(db, me, time, new Input(id, body?.ProposalId), ct) switch
        {
            Confirmed { Payment: var p, ProposedBy: var by } => TypedResults.Ok(new PaidResponse(p.GrantDecisionId, p.PaidOn, p.Amount, by, p.MarkedByName)),
            Invalid invalid => invalid.Errors.ToValidationProblem(),
            var other => throw new InvalidOperationException($"Unexpected outcome {other}."),
        };
}
