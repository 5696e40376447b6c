using Ktu.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Applications;

/// <summary>What the applicant should know about one submitted application's handling: open questions and a decision.</summary>
public sealed record CaseNotice(Guid ApplicationId, int Year, int Questions, int OpenQuestions, bool HasDecision);

/// <summary>Finds the notices for the start page and the application summary, so the question and decision pages are found.</summary>
internal static class CaseNotices
{
    /// <summary>Notices for the organisation's submitted applications that have questions or a decision, newest year first.</summary>
    public static async Task<IReadOnlyList<CaseNotice>> ForOrganisationAsync(AppDbContext db, int organisationId, Guid? applicationId, CancellationToken ct)
    {
        var applications = await db.Applications.AsNoTracking()
            .Where(a => a.OrganisationId == organisationId && a.SubmissionCount > 0 && (applicationId == null || a.Id == applicationId))
            .Select(a => new { a.Id, a.SchemeYear })
            .ToListAsync(ct);
        if (applications.Count == 0)
        {
            return [];
        }
        var ids = applications.Select(a => a.Id).ToList();
        var questions = await db.InformationRequests.AsNoTracking()
            .Where(r => ids.Contains(r.ApplicationId))
            .Select(r => new { r.ApplicationId, Open = r.AnsweredAt == null })
            .ToListAsync(ct);
        var decided = await db.GrantDecisions.AsNoTracking()
            .Where(d => ids.Contains(d.ApplicationId))
            .Select(d => d.ApplicationId)
            .Distinct()
            .ToListAsync(ct);
        return applications
            .Select(a => new CaseNotice(
                a.Id,
                a.SchemeYear,
                questions.Count(q => q.ApplicationId == a.Id),
                questions.Count(q => q.ApplicationId == a.Id && q.Open),
                decided.Contains(a.Id)))
            .Where(n => n.Questions > 0 || n.HasDecision)
            .OrderByDescending(n => n.Year)
            .ToList();
    }
}
