using Ktu.Web.Domain.Reporting;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Data;

/// <summary>
/// Where a grant's money goes after approved changes: the latest approved account change per grant. A grant without one is
/// paid to the account in its decision. The payment files and the change history ask the same question. A change is made on
/// the grant (its first decision, <see cref="GrantsQuery"/>), so it applies as well to the supplementary decisions of later
/// rounds, which are paid on their own: each id asked for gets its application's latest approved change.
/// </summary>
public static class CurrentAccountsQuery
{
    public static async Task<Dictionary<Guid, string>> CurrentAccountsAsync(this AppDbContext db, IReadOnlyCollection<Guid> grantIds, CancellationToken ct)
    {
        var asked = await db.GrantDecisions.AsNoTracking().Where(d => grantIds.Contains(d.Id)).Select(d => new { d.Id, d.ApplicationId }).ToListAsync(ct);
        var applicationIds = asked.Select(d => d.ApplicationId).Distinct().ToList();
        var application = await db.GrantDecisions.AsNoTracking().Where(d => applicationIds.Contains(d.ApplicationId))
            .ToDictionaryAsync(d => d.Id, d => d.ApplicationId, ct);
        var decisionIds = application.Keys.ToList();
        var latest = (await db.AccountChanges.AsNoTracking()
                .Where(c => decisionIds.Contains(c.GrantDecisionId) && c.Status == ChangeStatus.Approved)
                .Select(c => new { c.GrantDecisionId, c.AccountNumber, c.DecidedAt })
                .ToListAsync(ct))
            .GroupBy(c => application[c.GrantDecisionId])
            .ToDictionary(g => g.Key, g => g.OrderByDescending(c => c.DecidedAt).First().AccountNumber);
        return asked.Where(d => latest.ContainsKey(d.ApplicationId)).ToDictionary(d => d.Id, d => latest[d.ApplicationId]);
    }
}
