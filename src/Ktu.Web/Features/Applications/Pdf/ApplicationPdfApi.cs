using Ktu.Web.Data;
using Ktu.Web.Documents;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ktu.Web.Features.Applications;

/// <summary>
/// The PDF copy over the API (bearer or cookie) and under the receipt page's address, so the
/// pages can link it without JavaScript. Both answer the same way.
/// </summary>
public static class ApplicationPdfApi
{
    public static void MapApplicationPdf(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/applications/{id:guid}/pdf", ApiAsync)
            .RequireRateLimiting(Policies.DocumentRateLimit)
            .WithTags("Søknader")
            .WithSummary("PDF/A-kopi av den siste innsendingen, laget fra den lagrede kopien. Velg en tidligere innsending med ?submission=N. 404 hvis søknaden ikke er sendt inn.")
            .RequireAuthorization()
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet("/soknad/{id:guid}/kvittering/{number:int}/pdf", PageAsync)
            .RequireRateLimiting(Policies.DocumentRateLimit)
            .Named(DocumentRoutes.SubmissionPdf)
            .RequireAuthorization()
            .ExcludeFromDescription();
    }

    internal static async Task<FileContentHttpResult> ApiAsync(
        Guid id, int? submission, AppDbContext db, CurrentUser me, IApplicationPdf renderer, ApplicationPdfCache cache, CancellationToken ct)
    {
        var (pdf, fileName) = await DownloadApplicationPdf.HandleAsync(db, me, renderer, cache, id, submission, ct);
        return TypedResults.File(pdf, "application/pdf", fileName);
    }

    internal static async Task<Results<FileContentHttpResult, NotFound>> PageAsync(
        Guid id, int number, AppDbContext db, CurrentUser me, IApplicationPdf renderer, ApplicationPdfCache cache, CancellationToken ct)
    {
        try
        {
            var (pdf, fileName) = await DownloadApplicationPdf.HandleAsync(db, me, renderer, cache, id, number, ct);
            return TypedResults.File(pdf, "application/pdf", fileName);
        }
        catch (NotFoundException)
        {
            // A browser link: an empty 404 lets the status pages show the ordinary "not found" page.
            return TypedResults.NotFound();
        }
    }
}
