using Ktu.Web.Data;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Web;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Assessment;

/// <summary>
/// The embete's staff find the submitted applications of their own embete; anything else is "not found",
/// never "forbidden", so nobody learns that another embete's application exists.
/// </summary>
internal static class CaseAccess
{
    public static async Task<Application> LoadAsync(AppDbContext db, CurrentUser me, Guid applicationId, CancellationToken ct)
    {
        var embeteId = me.IsEmbeteStaff ? me.EmbeteId : null;
        if (embeteId is null)
        {
            throw new NotFoundException(AssessmentTexts.Rules_CaseNotFound);
        }
        // Only applications that have been submitted at least once are cases; drafts belong to the applicant.
        return await db.Applications.SingleOrDefaultAsync(a => a.Id == applicationId && a.EmbeteId == embeteId && a.SubmissionCount > 0, ct)
            ?? throw new NotFoundException(AssessmentTexts.Rules_CaseNotFound);
    }

    public static async Task<CaseView> LoadViewAsync(AppDbContext db, CurrentUser me, Guid applicationId, CancellationToken ct) =>
        await CaseView.LoadAsync(db, await LoadAsync(db, me, applicationId, ct), ct);
}
