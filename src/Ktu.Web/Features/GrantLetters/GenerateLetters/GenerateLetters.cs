using Ktu.Web.Data;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.GrantLetters;

/// <summary>
/// Grant letters for an approved allocation: one letter per fixed decision (refusals included). Making letters again
/// keeps what exists and only makes what is missing, at most <see cref="Input.Max"/> of them (all when null), in one
/// transaction, so the letters page can show progress batch by batch.
/// </summary>
internal static class GenerateLetters
{
    internal sealed record Input(int Year, int? Max);

    internal abstract record Outcome;
    internal sealed record Made(LetterProgress Progress) : Outcome;

    public static void Map(RouteGroupBuilder year) =>
        year.MapPost("/letters", PostAsync)
            .WithSummary("Lag tilskuddsbrev (også avslag) for vedtakene som ikke har brev. Brev som finnes, beholdes. Med ?max=N lages høyst N brev per kall, slik at siden kan vise framdrift.")
            .ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Outcome> HandleAsync(AppDbContext db, CurrentUser me, TimeProvider time, Input input, CancellationToken ct)
    {
        var embeteId = me.StaffEmbeteId;
        var year = input.Year;
        await LetterRound.EnsureApprovedAsync(db, embeteId, year, ct);
        var context = await LetterContext.LoadAsync(db, embeteId, year, ct);
        var done = await db.GrantLetters.Where(l => l.EmbeteId == embeteId && l.SchemeYear == year)
            .Select(l => l.GrantDecisionId).Distinct().ToListAsync(ct);
        var decisions = await db.GrantDecisions.AsNoTracking()
            .Where(d => d.EmbeteId == embeteId && d.SchemeYear == year)
            .OrderBy(d => d.CaseReference).ToListAsync(ct);
        var missing = decisions.Where(d => !done.Contains(d.Id)).Take(input.Max is > 0 ? input.Max.Value : int.MaxValue).ToList();
        var now = time.GetUtcNow();
        var inputs = missing.Select(d => LetterMaking.Input(context, d, 1, null, now)).ToList();
        var emails = await LetterMaking.ContactEmailsAsync(db, missing.Select(d => d.ApplicationId).ToList(), ct);
        var pdfs = await LetterMaking.RenderAsync(inputs, ct);
        for (var i = 0; i < missing.Count; i++)
        {
            LetterMaking.Add(db, me, context, inputs[i], pdfs[i], null, emails.GetValueOrDefault(missing[i].ApplicationId), now);
        }
        await LetterMaking.SaveAsync(db, ct);
        return new Made(new LetterProgress(year, true, decisions.Count, done.Count + missing.Count, missing.Count));
    }

    internal static async Task<Ok<LettersResponse>> PostAsync(AppDbContext db, CurrentUser me, TimeProvider time, int year, int? max, CancellationToken ct)
    {
        var made = (Made)await HandleAsync(db, me, time, new Input(year, max), ct);
        db.ChangeTracker.Clear();
        return TypedResults.Ok(await ListLetters.LoadAsync(db, me.StaffEmbeteId, me.Id, year, made.Progress.Made, ct));
    }
}
