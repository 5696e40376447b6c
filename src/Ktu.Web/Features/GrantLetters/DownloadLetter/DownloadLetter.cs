using Ktu.Web.Data;
using Ktu.Web.Documents;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Decisions;
using Ktu.Web.Domain.Letters;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.GrantLetters;

/// <summary>
/// The letter for a grant as PDF/A: the latest version, or ?version=N. The owning organisation's applicants and the
/// embete's staff only; everyone else gets 404, as if the grant did not exist.
/// </summary>
internal static class DownloadLetter
{
    internal sealed record Input(Guid GrantId, int? Version);

    internal abstract record Outcome;
    internal sealed record Found(GrantLetter Letter, string CaseReference, int Round = 1) : Outcome;

    public static void Map(RouteGroupBuilder grant) =>
        grant.MapGet("/letter.pdf", GetAsync)
            .RequireApiScope(ApiScopes.DecisionsRead)
            .RequireRateLimiting(Policies.DocumentRateLimit)
            .Named(DocumentRoutes.GrantLetterPdf)
            .RequireAuthorization()
            .WithSummary("Tilskuddsbrevet som PDF/A: siste versjon, eller ?version=N. For søkeren og embetet; 404 for alle andre.")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf");

    public static async Task<Outcome> HandleAsync(AppDbContext db, CurrentUser me, Input input, CancellationToken ct)
    {
        var decision = await db.GrantDecisions.AsNoTracking().SingleOrDefaultAsync(d => d.Id == input.GrantId, ct);
        if (decision is null || !MayRead(me, decision))
        {
            throw new NotFoundException(LetterTexts.LetterNotFound);
        }
        var letters = db.GrantLetters.AsNoTracking().Where(l => l.GrantDecisionId == decision.Id);
        var letter = input.Version is { } v
            ? await letters.SingleOrDefaultAsync(l => l.Version == v, ct)
            : await letters.OrderByDescending(l => l.Version).FirstOrDefaultAsync(ct);
        return new Found(
            letter ?? throw new NotFoundException(input.Version is null ? LetterTexts.LetterNotMade : LetterTexts.VersionNotFound),
            decision.CaseReference,
            decision.RoundNumber);
    }

    internal static async Task<FileContentHttpResult> GetAsync(AppDbContext db, CurrentUser me, Guid id, int? version, CancellationToken ct)
    {
        var found = (Found)await HandleAsync(db, me, new Input(id, version), ct);
        return TypedResults.File(found.Letter.Pdf, "application/pdf", GrantLetterPdf.FileName(found.CaseReference, found.Letter.Version, found.Round));
    }

    private static bool MayRead(CurrentUser me, GrantDecision decision) =>
        (me.IsApplicant && me.OrganisationId == decision.OrganisationId)
        || (me.IsEmbeteStaff && me.EmbeteId == decision.EmbeteId);
}
