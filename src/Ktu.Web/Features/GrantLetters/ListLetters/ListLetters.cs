using Ktu.Web.Data;
using Ktu.Web.Domain.Letters;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.GrantLetters;

/// <summary>The decisions of the embete's approved allocation with their letter versions and whether each grant is marked paid.</summary>
internal static class ListLetters
{
    public static void Map(RouteGroupBuilder year) =>
        year.MapGet("/letters", GetAsync)
            .WithSummary("Vedtakene i embetets godkjente fordeling med brevversjoner, om tilskuddet er markert som betalt, og forslag om betaling eller korrigert brev som venter på bekreftelse.");

    internal static async Task<Ok<LettersResponse>> GetAsync(AppDbContext db, CurrentUser me, int year, CancellationToken ct) =>
        TypedResults.Ok(await LoadAsync(db, me.StaffEmbeteId, me.Id, year, 0, ct));

    /// <param name="userId">Who asks, to say which waiting proposals are theirs.</param>
    /// <param name="made">How many letters the request made, echoed in the answer.</param>
    public static async Task<LettersResponse> LoadAsync(AppDbContext db, string embeteId, string? userId, int year, int made, CancellationToken ct)
    {
        var approved = await LetterRound.IsApprovedAsync(db, embeteId, year, ct);
        var decisions = await db.GrantDecisions.AsNoTracking().Where(d => d.EmbeteId == embeteId && d.SchemeYear == year).ToListAsync(ct);
        var letters = (await db.GrantLetters.AsNoTracking().Where(l => l.EmbeteId == embeteId && l.SchemeYear == year)
            .Select(l => new { l.GrantDecisionId, Dto = new LetterVersionDto(l.Version, l.LetterDate, l.CreatedAt, l.CreatedByName, l.Reason, l.PdfSha256, l.TemplateSha256) })
            .ToListAsync(ct)).ToLookup(l => l.GrantDecisionId, l => l.Dto);
        var paid = await db.GrantPayments.AsNoTracking().Where(p => p.EmbeteId == embeteId && p.SchemeYear == year)
            .ToDictionaryAsync(p => p.GrantDecisionId, p => p.PaidOn, ct);
        var pending = (await db.GrantProposals.AsNoTracking()
            .Where(p => p.EmbeteId == embeteId && p.SchemeYear == year && p.Status == GrantProposalStatus.Pending).ToListAsync(ct))
            .ToDictionary(p => (p.GrantDecisionId, p.Kind), p => new PendingProposalDto(p.Id, p.ProposedByName, p.ProposedAt, p.ProposedByUserId == userId, p.PaidOn, p.Reason));
        var grants = decisions.OrderBy(d => d.CaseReference, StringComparer.Ordinal).Select(d => new GrantLettersDto(
            d.Id, d.ApplicationId, d.CaseReference, d.ApplicantName, d.ApplicantOrgNumber, d.AmountGranted, d.IsRefusal,
            letters[d.Id].OrderBy(l => l.Version).ToList(), paid.TryGetValue(d.Id, out var on) ? on : null,
            pending.GetValueOrDefault((d.Id, GrantProposalKind.MarkPaid)), pending.GetValueOrDefault((d.Id, GrantProposalKind.CorrectLetter)))).ToList();
        var withLetter = grants.Count(g => g.Letters.Count > 0);
        return new LettersResponse(year, approved, grants.Count, withLetter, made, grants.Count - withLetter, grants);
    }
}
