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
        // A grant whose money came only in a later round is still a grant to report on, and a supplementary decision is part of
        // its year's grant, not a report of its own.
        var granted = await db.GrantTotalsAsync(d => organisationIds.Contains(d.OrganisationId) && d.SchemeYear < beforeYear, ct);
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
