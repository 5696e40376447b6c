using Ktu.Web.Domain.Reporting;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Data;

/// <summary>
/// An auditor's statement postponed to cover two years is owed with the next year's report: for each organisation, the year
/// before <c>year</c> when its sent report postponed the statement and no statement has been attached to that report since.
/// The report page, the embete's overview and the reminders all ask this one question.
/// </summary>
public static class OwedStatementsQuery
{
    /// <returns>The year the statement is owed from, per organisation that owes one.</returns>
    public static async Task<Dictionary<int, int>> StatementsOwedAsync(
        this AppDbContext db, IReadOnlyCollection<int> organisationIds, int year, CancellationToken ct)
    {
        var previous = await db.GrantReports.AsNoTracking()
            .Where(r => organisationIds.Contains(r.OrganisationId) && r.SchemeYear == year - 1 && r.SubmissionCount > 0)
            .Select(r => new { r.Id, r.OrganisationId, r.Document })
            .ToListAsync(ct);
        var postponed = previous.Where(r => ReportJson.Deserialize(r.Document).AuditorStatementPostponed).ToList();
        if (postponed.Count == 0)
        {
            return [];
        }
        var ids = postponed.Select(r => r.Id).ToList();
        var delivered = (await db.ReportAttachments.AsNoTracking()
            .Where(a => ids.Contains(a.GrantReportId) && a.Kind == AttachmentKind.AuditorStatement)
            .Select(a => a.GrantReportId)
            .ToListAsync(ct)).ToHashSet();
        return postponed.Where(r => !delivered.Contains(r.Id))
            .GroupBy(r => r.OrganisationId)
            .ToDictionary(g => g.Key, _ => year - 1);
    }
}
