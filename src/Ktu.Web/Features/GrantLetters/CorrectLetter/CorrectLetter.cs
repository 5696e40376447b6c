using Ktu.Web.Data;
using Ktu.Web.Documents;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Letters;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.GrantLetters;

public sealed record CorrectLetterRequest(string? Reason);

/// <summary>A corrected letter: the next version, with the reason, saying which letter it replaces; the earlier versions stay.</summary>
internal static class CorrectLetter
{
    internal sealed record Input(Guid GrantId, string? Reason);

    internal abstract record Outcome;
    internal sealed record Corrected(GrantLetter Letter) : Outcome;
    internal sealed record Invalid(FieldErrors Errors) : Outcome;

    public static void Map(RouteGroupBuilder grant) =>
        grant.MapPost("/letters", PostAsync)
            .RequireAuthorization(Policies.EmbeteStaff)
            .WithSummary("Lag et korrigert brev med begrunnelse. Det får neste versjonsnummer og sier hvilket brev det erstatter; tidligere versjoner beholdes.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Outcome> HandleAsync(AppDbContext db, CurrentUser me, TimeProvider time, Input input, CancellationToken ct)
    {
        var embeteId = me.StaffEmbeteId;
        var decision = await db.GrantDecisions.AsNoTracking().SingleOrDefaultAsync(d => d.Id == input.GrantId && d.EmbeteId == embeteId, ct)
            ?? throw new NotFoundException(LetterTexts.DecisionNotFound);
        var reason = input.Reason?.Trim() ?? "";
        if (reason.Length == 0 || reason.Length > GrantLetter.MaxReasonLength)
        {
            return new Invalid(FieldErrors.Of("reason", Format.Text(LetterTexts.ReasonRequired, GrantLetter.MaxReasonLength)));
        }
        var latest = await db.GrantLetters.AsNoTracking().Where(l => l.GrantDecisionId == decision.Id)
            .OrderByDescending(l => l.Version).FirstOrDefaultAsync(ct)
            ?? throw new RuleViolationException(LetterTexts.NoLetterYet, "no-letter");
        var context = await LetterContext.LoadAsync(db, decision.EmbeteId, decision.SchemeYear, ct);
        var now = time.GetUtcNow();
        var letterInput = LetterMaking.Input(context, decision, latest.Version + 1, latest.LetterDate, now);
        var emails = await LetterMaking.ContactEmailsAsync(db, [decision.ApplicationId], ct);
        var letter = LetterMaking.Add(db, me, context, letterInput, GrantLetterPdf.Render(letterInput), reason,
            emails.GetValueOrDefault(decision.ApplicationId), now);
        await LetterMaking.SaveAsync(db, ct);
        return new Corrected(letter);
    }

    internal static async Task<Results<Ok<LetterVersionDto>, ValidationProblem>> PostAsync(
        AppDbContext db, CurrentUser me, TimeProvider time, Guid id, [FromBody] CorrectLetterRequest? body, CancellationToken ct) =>
        await HandleAsync(db, me, time, new Input(id, body?.Reason), ct) switch
        {
            Corrected { Letter: var l } => TypedResults.Ok(LetterVersionDto.From(l)),
            Invalid invalid => invalid.Errors.ToValidationProblem(),
            var other => throw new InvalidOperationException($"Unexpected outcome {other}."),
        };
}
