using System.Globalization;
using Ktu.Web.Data;
using Ktu.Web.Documents;
using Ktu.Web.Domain;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Reporting;

/// <summary>Receipts of a report's submissions, and the PDF copy of one, rendered from the stored snapshot. For the applicant and the embete.</summary>
internal static class DownloadReportPdf
{
    public static void Map(RouteGroupBuilder grant)
    {
        grant.MapGet("/report/submissions", ListAsync)
            .RequireApiScope(ApiScopes.ReportsRead)
            .RequireAuthorization()
            .WithSummary("Kvitteringene for alle innsendinger av rapporten, nyeste først.");
        grant.MapGet("/report/submissions/{number:int}/pdf", GetAsync)
            .RequireApiScope(ApiScopes.ReportsRead)
            .RequireRateLimiting(Policies.DocumentRateLimit)
            .RequireAuthorization()
            .WithSummary("PDF-kopi av én innsendt rapport, laget fra den lagrede kopien.")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf");
    }

    internal static async Task<Ok<List<ReportReceipt>>> ListAsync(AppDbContext db, CurrentUser me, Guid id, CancellationToken ct)
    {
        var grant = await ReportAccess.GrantAsync(db, me, id, ct);
        var submissions = await db.GrantReportSubmissions.AsNoTracking()
            .Where(s => s.GrantDecisionId == grant.Id).OrderByDescending(s => s.Number).ToListAsync(ct);
        return TypedResults.Ok(submissions.Select(ReportReceipt.Of).ToList());
    }

    internal static async Task<FileContentHttpResult> GetAsync(AppDbContext db, CurrentUser me, Guid id, int number, CancellationToken ct)
    {
        var grant = await ReportAccess.GrantAsync(db, me, id, ct);
        var submission = await db.GrantReportSubmissions.AsNoTracking()
            .SingleOrDefaultAsync(s => s.GrantDecisionId == grant.Id && s.Number == number, ct)
            ?? throw new NotFoundException(ReportingTexts.Submission_NotFound);
        var later = await db.GrantReportSubmissions.AnyAsync(s => s.GrantDecisionId == grant.Id && s.Number > number, ct);
        var pdf = ReportPdf.Render(submission.ReadSnapshot(), submission.Sha256, later);
        return TypedResults.File(pdf, "application/pdf", $"{submission.Reference}-{number.ToString(CultureInfo.InvariantCulture)}.pdf");
    }
}
