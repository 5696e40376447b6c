using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Letters;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.GrantLetters;

public sealed record CorrectLetterRequest(string? Reason);

/// <summary>
/// Proposes a corrected letter with its reason (issue 16: after approval, two people). Nothing is made or sent until a
/// leader other than the proposer confirms it (<see cref="ConfirmCorrection"/>); a grant without a letter, one with a
/// correction already waiting, and anyone with a declared conflict on the application are refused (409). Audited
/// ("letter.correction-proposed").
/// </summary>
internal static class CorrectLetter
{
    internal sealed record Input(Guid GrantId, string? Reason);

    internal abstract record Outcome;
    internal sealed record Proposed(GrantProposal Proposal) : Outcome;
    internal sealed record Invalid(FieldErrors Errors) : Outcome;

    public static void Map(RouteGroupBuilder grant) =>
        grant.MapPost("/letters", PostAsync)
            .RequireAuthorization(Policies.EmbeteStaff)
            .WithSummary("Foreslå et korrigert brev med begrunnelse. Brevet lages og sendes først når en annen leder i embetet har bekreftet det (/letters/confirm); det får da neste versjonsnummer, og tidligere versjoner beholdes.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Outcome> HandleAsync(AppDbContext db, CurrentUser me, TimeProvider time, Input input, CancellationToken ct)
    {
        var decision = await LetterProposals.GrantAsync(db, me, input.GrantId, ct);
        var reason = input.Reason?.Trim() ?? "";
        if (reason.Length == 0 || reason.Length > GrantLetter.MaxReasonLength)
        {
            return new Invalid(FieldErrors.Of("reason", Format.Text(LetterTexts.ReasonRequired, GrantLetter.MaxReasonLength)));
        }
        if (!await db.GrantLetters.AnyAsync(l => l.GrantDecisionId == decision.Id, ct))
        {
            throw new RuleViolationException(LetterTexts.NoLetterYet, "no-letter");
        }
        if (await db.HasDeclaredConflictAsync(decision.ApplicationId, me.Id, ct))
        {
            throw new RuleViolationException(LetterTexts.Proposal_Conflicted, "conflict-declared");
        }
        if (await LetterProposals.PendingAsync(db, decision.Id, ct) is { } pending)
        {
            throw new RuleViolationException(Format.Text(LetterTexts.Proposal_AlreadyPending, pending.ProposedByName), "proposal-pending");
        }
        var now = time.GetUtcNow();
        var proposal = GrantProposal.CorrectLetter(decision, reason, me.Actor, now);
        db.GrantProposals.Add(proposal);
        AuditTrail.Record(db, me, now, "letter.correction-proposed", "grant", decision.Id.ToString(), decision.OrganisationId, decision.EmbeteId,
            after: new { proposalId = proposal.Id, reason, status = "pending" });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The unique pending proposal per grant: someone else proposed a correction in the same instant.
            throw new RuleViolationException(LetterTexts.Proposal_ProposedConcurrently, "proposal-pending");
        }
        return new Proposed(proposal);
    }

    internal static async Task<Results<Accepted<LetterProposalDto>, ValidationProblem>> PostAsync(
        AppDbContext db, CurrentUser me, TimeProvider time, Guid id, [FromBody] CorrectLetterRequest? body, CancellationToken ct) =>
        await HandleAsync(db, me, time, new Input(id, body?.Reason), ct) switch
        {
            Proposed { Proposal: var p } => TypedResults.Accepted((string?)null, LetterProposalDto.Of(p)),
            Invalid invalid => invalid.Errors.ToValidationProblem(),
            var other => throw new InvalidOperationException($"Unexpected outcome {other}."),
        };
}
