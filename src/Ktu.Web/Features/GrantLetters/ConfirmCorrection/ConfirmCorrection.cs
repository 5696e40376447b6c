using Ktu.Web.Data;
using Ktu.Web.Documents;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Letters;
using Ktu.Web.Domain.Rules;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.GrantLetters;

/// <summary>
/// A leader other than the proposer confirms a proposed correction (<see cref="CorrectLetter"/>): only now is the
/// corrected letter made (the next version, saying which letter it replaces; the earlier versions stay) and the applicant
/// told. The proposer, a case officer and anyone with a declared conflict are refused, and so is a proposal already
/// decided. Audited ("letter.correction-confirmed", then "letter.created" for the letter).
/// </summary>
internal static class ConfirmCorrection
{
    internal sealed record Input(Guid GrantId, Guid? ProposalId);

    internal abstract record Outcome;
    internal sealed record Corrected(GrantLetter Letter) : Outcome;
    internal sealed record Invalid(FieldErrors Errors) : Outcome;

    public static void Map(RouteGroupBuilder grant) =>
        grant.MapPost("/letters/confirm", PostAsync)
            .RequireAuthorization(Policies.Approver)
            .WithSummary("Bekreft et foreslått korrigert brev (leder, ikke den som foreslo det). Først nå lages brevet og søkeren får beskjed.")
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
        var proposal = await LetterProposals.ProposalToDecideAsync(db, me, decision, proposalId, ASecondPersonConfirmsAfterApproval.MayConfirm, ct);
        var latest = await db.GrantLetters.AsNoTracking().Where(l => l.GrantDecisionId == decision.Id)
            .OrderByDescending(l => l.Version).FirstOrDefaultAsync(ct)
            ?? throw new RuleViolationException(LetterTexts.NoLetterYet, "no-letter");
        var context = await LetterContext.LoadAsync(db, decision.EmbeteId, decision.SchemeYear, ct);
        var now = time.GetUtcNow();
        proposal.Confirm(me.Actor, now);
        AuditTrail.Record(db, me, now, "letter.correction-confirmed", "grant", decision.Id.ToString(), decision.OrganisationId, decision.EmbeteId,
            before: new { proposalId = proposal.Id, status = "pending", proposal.Reason, proposedBy = proposal.ProposedByName },
            after: new { proposalId = proposal.Id, status = "confirmed", version = latest.Version + 1, confirmedBy = me.Actor.DisplayName });
        var letterInput = LetterMaking.Input(context, decision, latest.Version + 1, latest.LetterDate, now);
        var emails = await LetterMaking.ContactEmailsAsync(db, [decision.ApplicationId], ct);
        var letter = LetterMaking.Add(db, me, context, letterInput, GrantLetterPdf.Render(letterInput), proposal.Reason,
            emails.GetValueOrDefault(decision.ApplicationId), now);
        await LetterMaking.SaveAsync(db, ct);
        return new Corrected(letter);
    }

    internal static async Task<Results<Ok<LetterVersionDto>, ValidationProblem>> PostAsync(
        AppDbContext db, CurrentUser me, TimeProvider time, Guid id, [FromBody] LetterProposalStep? body, CancellationToken ct) =>
        await HandleAsync(db, me, time, new Input(id, body?.ProposalId), ct) switch
        {
            Corrected { Letter: var l } => TypedResults.Ok(LetterVersionDto.From(l)),
            Invalid invalid => invalid.Errors.ToValidationProblem(),
            var other => throw new InvalidOperationException($"Unexpected outcome {other}."),
        };
}
