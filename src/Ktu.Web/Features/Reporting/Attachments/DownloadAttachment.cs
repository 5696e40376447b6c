using Ktu.Web.Data;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Reporting;

/// <summary>An attachment of a report, as uploaded: for the applicant organisation and the embete only (404 for anyone else).</summary>
internal static class DownloadAttachment
{
    public static void Map(RouteGroupBuilder grant) =>
        grant.MapGet("/report/attachments/{attachmentId:guid}", GetAsync)
            .RequireRateLimiting(Policies.DocumentRateLimit)
            .RequireAuthorization()
            .WithSummary("Et vedlegg til rapporten slik det ble lastet opp. For søkeren og embetet.")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf");

    internal static async Task<FileContentHttpResult> GetAsync(AppDbContext db, CurrentUser me, Guid id, Guid attachmentId, CancellationToken ct)
    {
        var grant = await ReportAccess.GrantAsync(db, me, id, ct);
        var attachment = await db.ReportAttachments.AsNoTracking()
            .SingleOrDefaultAsync(a => a.Id == attachmentId && a.GrantDecisionId == grant.Id, ct)
            ?? throw new NotFoundException(ReportingTexts.Attachment_NotFound);
        return TypedResults.File(attachment.Content, "application/pdf", attachment.FileName);
    }
}
