using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Data;

/// <summary>
/// Applicants report before they are granted anew: for each organisation, the earlier scheme years in which it was granted
/// money and has not sent the report. Case handling shows it on the inbox and the case of a new application.
/// </summary>
public static class MissingReportsQuery
{
    public static async Task<Dictionary<int, List<int>>> MissingReportYearsAsync(
        this AppDbContext db, IReadOnlyCollection<int> organisationIds, int beforeYear, CancellationToken ct)
    {
        var granted = await db.GrantDecisions.AsNoTracking()
            .Where(d => organisationIds.Contains(d.OrganisationId) && d.SchemeYear < beforeYear && d.AmountGranted > 0 && d.RoundNumber == 1)
            .Select(d => new { d.Id, d.OrganisationId, d.SchemeYear })
            .ToListAsync(ct);
        var ids = granted.Select(g => g.Id).ToList();
        var sent = (await db.GrantReports.AsNoTracking()
            .Where(r => ids.Contains(r.GrantDecisionId) && r.SubmissionCount > 0)
            .Select(r => r.GrantDecisionId)
            .ToListAsync(ct)).ToHashSet();
        return granted.Where(g => !sent.Contains(g.Id))
            .GroupBy(g => g.OrganisationId)
            .ToDictionary(g => g.Key, g => g.Select(x => x.SchemeYear).Distinct().Order().ToList());
    }
}
