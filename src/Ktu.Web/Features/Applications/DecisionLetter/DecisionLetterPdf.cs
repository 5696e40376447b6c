using Ktu.Web.Data;
using Ktu.Web.Documents;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Applications;

/// <summary>
/// The grant letter under the application's address, so the applicant's decision page can link it without
/// JavaScript: the latest version, or ?version=N; the letter of the year's decision, or ?round=N for the supplementary grant
/// of a later round. The owning organisation and the embete's staff only.
/// </summary>
public static class DecisionLetterPdf
{
    public static void MapDecisionLetterPdf(this IEndpointRouteBuilder app) =>
        app.MapGet("/soknad/{id:guid}/vedtak/brev.pdf", GetAsync)
            .RequireRateLimiting(Policies.DocumentRateLimit)
            .Named(DocumentRoutes.DecisionLetterPdf)
            .RequireAuthorization()
            .ExcludeFromDescription();

    /// <summary>A browser link: every miss is an empty 404, so the status pages show the ordinary "not found" page.</summary>
    internal static async Task<Results<FileContentHttpResult, NotFound>> GetAsync(Guid id, int? version, int? round, AppDbContext db, CurrentUser me, CancellationToken ct)
    {
        var decision = await db.GrantDecisions.AsNoTracking().Where(d => d.ApplicationId == id && (round == null || d.RoundNumber == round))
            .OrderBy(d => d.RoundNumber)
            .Select(d => new { d.Id, d.CaseReference, d.RoundNumber, d.OrganisationId, d.EmbeteId }).FirstOrDefaultAsync(ct);
        var mayRead = decision is not null
            && ((me.IsApplicant && me.OrganisationId == decision.OrganisationId) || (me.IsEmbeteStaff && me.EmbeteId == decision.EmbeteId));
        if (!mayRead)
        {
            return TypedResults.NotFound();
        }
        var letters = db.GrantLetters.AsNoTracking().Where(l => l.GrantDecisionId == decision!.Id);
        var letter = version is { } v
            ? await letters.SingleOrDefaultAsync(l => l.Version == v, ct)
            : await letters.OrderByDescending(l => l.Version).FirstOrDefaultAsync(ct);
        return letter is null
            ? TypedResults.NotFound()
            : TypedResults.File(letter.Pdf, "application/pdf", GrantLetterPdf.FileName(decision!.CaseReference, letter.Version, decision.RoundNumber));
    }
}
