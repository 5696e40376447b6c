using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ktu.Web.Features.Assessment;

/// <summary>
/// One case as the embete sees it: the latest submitted application in lines, the assessment, the impartiality
/// declarations and the questions to the applicant. The page is <see cref="CaseModel"/>; this is the JSON endpoint.
/// </summary>
internal static class ViewCase
{
    public static void Map(RouteGroupBuilder cases) =>
        cases.MapGet("/{id:guid}", GetAsync)
            .WithSummary("Saken: den siste innsendte søknaden delt i linjer, vurderingen, habilitetserklæringer og spørsmål til søkeren. Interne notater vises bare i embetet.")
            .RequireApiScope(ApiScopes.CasesRead)
            .ProducesProblem(StatusCodes.Status404NotFound);

    internal static async Task<Ok<CaseResponse>> GetAsync(AppDbContext db, CurrentUser me, Guid id, CancellationToken ct) =>
        TypedResults.Ok(CaseResponse.From(await CaseAccess.LoadViewAsync(db, me, id, ct), me));
}
