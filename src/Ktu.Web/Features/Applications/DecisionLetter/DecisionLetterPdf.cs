using Ktu.Web.Data;
using Ktu.Web.Features.GrantLetters;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Applications;

/// <summary>
/// The grant letter under the application's address, so the applicant's decision page can link it without
/// JavaScript: the latest version, or ?version=N. The owning organisation and the embete's staff only.
/// </summary>
public static class DecisionLetterPdf
{
    public static void MapDecisionLetterPdf(this IEndpointRouteBuilder app) =>
        app.MapGet("/soknad/{id:guid}/vedtak/brev.pdf", GetAsync)
            .RequireAuthorization()
            .ExcludeFromDescription();

    internal static async Task<Results<FileContentHttpResult, NotFound>> GetAsync(Guid id, int? version, AppDbContext db, CurrentUser me, CancellationToken ct)
    {
        var decision = await db.GrantDecisions.AsNoTracking().Where(d => d.ApplicationId == id)
            .Select(d => new { d.Id, d.CaseReference }).SingleOrDefaultAsync(ct);
        if (decision is null)
        {
            return TypedResults.NotFound();
        }
        try
        {
            var letter = await LetterActions.ReadLetterAsync(db, me, decision.Id, version, ct);
            return TypedResults.File(letter.Pdf, "application/pdf", LetterActions.FileName(letter, decision.CaseReference));
        }
        catch (NotFoundException)
        {
            // A browser link: an empty 404 lets the status pages show the ordinary "not found" page.
            return TypedResults.NotFound();
        }
    }
}
