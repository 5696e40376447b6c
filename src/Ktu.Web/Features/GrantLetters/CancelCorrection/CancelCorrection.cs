using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Letters;
using Ktu.Web.Domain.Rules;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Ktu.Web.Features.GrantLetters;

/// <summary>
/// A proposed correction is withdrawn by its proposer or refused by a leader: no letter is made, and a new correction
/// can be proposed. Nobody else, and nobody with a declared conflict, cancels it. Audited ("letter.correction-cancelled").
/// </summary>
internal static class CancelCorrection
{
    internal sealed record Input(Guid GrantId, Guid? ProposalId);

    internal abstract record Outcome;
    internal sealed record Cancelled(GrantProposal Proposal) : Outcome;
    internal sealed record Invalid(FieldErrors Errors) : Outcome;

    public static void Map(RouteGroupBuilder grant) =>
        grant.MapPost("/letters/cancel", PostAsync)
            .RequireAuthorization(Policies.EmbeteStaff)
            .WithSummary("Trekk tilbake (den som foreslo) eller avvis (leder) et foreslått korrigert brev. Ingen brev lages.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Outcome> HandleAsync(AppDbContext db, CurrentUser me, TimeProvider time, Input input, CancellationToken ct)
    {
        var decision = await LetterProposals.GrantAsync(db, me, input.GrantId, ct);
        if (input.ProposalId is not { } proposalId)
        {
            return new Invalid(FieldErrors.Of("proposalId", LetterTexts.Proposal_IdMissing));
        }
        var proposal = await LetterProposals.ProposalToDecideAsync(db, me, decision, proposalId, ASecondPersonConfirmsAfterApproval.MayCancel, ct);
        var now = time.GetUtcNow();
        proposal.Cancel(me.Actor, now);
        AuditTrail.Record(db, me, now, "letter.correction-cancelled", "grant", decision.Id.ToString(), decision.OrganisationId, decision.EmbeteId,
            before: new { proposalId = proposal.Id, status = "pending", proposal.Reason, proposedBy = proposal.ProposedByName },
            after: new { proposalId = proposal.Id, status = "cancelled", cancelledBy = me.Actor.DisplayName });
        await LetterMaking.SaveAsync(db, ct);
        return new Cancelled(proposal);
    }

    internal static async Task<Results<Ok<LetterProposalDto>, ValidationProblem>> PostAsync(
        AppDbContext db, CurrentUser me, TimeProvider time, Guid id, [FromBody] LetterProposalStep? body, CancellationToken ct) =>
        await HandleAsync(db, me, time, new Input(id, body?.ProposalId), ct) switch
        {
            Cancelled { Proposal: var p } => TypedResults.Ok(LetterProposalDto.Of(p)),
            Invalid invalid => invalid.Errors.ToValidationProblem(),
            var other => throw new InvalidOperationException($"Unexpected outcome {other}."),
        };
}
