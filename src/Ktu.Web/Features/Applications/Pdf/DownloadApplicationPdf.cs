using System.Globalization;
using Ktu.Web.Data;
using Ktu.Web.Documents;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Web;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Applications;

/// <summary>
/// The PDF copy of one submission, rendered from the stored snapshot so it always shows what was
/// sent, never the draft as it is now. The applicant's organisation and the receiving embete's staff
/// may read it; for anyone else the application does not exist (404, never 403).
/// </summary>
internal static class DownloadApplicationPdf
{

    /// <param name="number">The submission; null for the latest.</param>
    public static async Task<(byte[] Pdf, string FileName)> HandleAsync(
        AppDbContext db, CurrentUser me, IApplicationPdf renderer, ApplicationPdfCache cache, Guid id, int? number, CancellationToken ct)
    {
        var application = await db.Applications.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct);
        if (application is null || !MayRead(me, application))
        {
            throw new NotFoundException(ApplicationTexts.Application_NotFound);
        }
        var submissions = db.ApplicationSubmissions.AsNoTracking().Where(s => s.ApplicationId == application.Id);
        var submission = number is { } n
            ? await submissions.SingleOrDefaultAsync(s => s.Number == n, ct)
            : await submissions.OrderByDescending(s => s.Number).FirstOrDefaultAsync(ct);
        if (submission is null)
        {
            throw new NotFoundException(application.SubmissionCount == 0 ? ApplicationTexts.Submission_NotSubmitted : ApplicationTexts.Submission_NotFound);
        }

        var snapshot = submission.ReadSnapshot();
        var scheme = await db.SchemeYears.AsNoTracking()
            .Include(s => s.EducationTypes).Include(s => s.Themes).AsSplitQuery()
            .SingleAsync(s => s.Year == snapshot.SchemeYear, ct);
        var kind = await db.Organisations.AsNoTracking()
            .Where(o => o.Id == submission.OrganisationId).Select(o => o.Kind).SingleAsync(ct);
        var withdrawn = submission.Number < application.SubmissionCount || application.Status != ApplicationStatus.Submitted;

        var pdf = cache.GetOrRender(submission.Id, withdrawn, () => renderer.Render(new ApplicationPdfModel(
            snapshot,
            submission.Sha256,
            scheme.Name,
            OrganisationDisplay.Name(snapshot.Organisation.Name, kind),
            scheme.EducationTypes.ToDictionary(e => e.Code, e => e.Name, StringComparer.Ordinal),
            scheme.Themes.ToDictionary(t => t.Code, t => t.Name, StringComparer.Ordinal),
            withdrawn)));
        return (pdf, $"{submission.Reference}-{submission.Number.ToString(CultureInfo.InvariantCulture)}.pdf");
    }

    private static bool MayRead(CurrentUser me, Application application) =>
        (me.IsApplicant && me.OrganisationId == application.OrganisationId)
        || (me.IsEmbeteStaff && me.EmbeteId == application.EmbeteId);
}
