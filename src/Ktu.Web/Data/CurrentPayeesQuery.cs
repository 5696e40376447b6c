using Ktu.Web.Domain;
using Ktu.Web.Domain.Reporting;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Data;

/// <summary>
/// The payee details changed after the decision and approved by the embete; each null where no approved change has touched it,
/// so the decision's own value still applies.
/// </summary>
public sealed record ChangedPayee(string? AccountNumber, string? OrgNumber, PostalAddress? Address);

/// <summary>
/// Where a grant's money goes after approved changes: per grant, the account, organisation number and postal address of the
/// latest approved change that carries each. A grant without one is paid as its decision says. The payment files, the letters
/// and the change history ask the same question. A change is made on the grant (its first decision, <see cref="GrantsQuery"/>),
/// so it applies as well to the supplementary decisions of later rounds, which are paid on their own: each id asked for gets
/// its application's latest approved changes.
/// </summary>
public static class CurrentPayeesQuery
{
    public static async Task<Dictionary<Guid, ChangedPayee>> CurrentPayeesAsync(this AppDbContext db, IReadOnlyCollection<Guid> grantIds, CancellationToken ct)
    {
        var asked = await db.GrantDecisions.AsNoTracking().Where(d => grantIds.Contains(d.Id)).Select(d => new { d.Id, d.ApplicationId }).ToListAsync(ct);
        var applicationIds = asked.Select(d => d.ApplicationId).Distinct().ToList();
        var application = await db.GrantDecisions.AsNoTracking().Where(d => applicationIds.Contains(d.ApplicationId))
            .ToDictionaryAsync(d => d.Id, d => d.ApplicationId, ct);
        var decisionIds = application.Keys.ToList();
        var latest = (await db.AccountChanges.AsNoTracking()
                .Where(c => decisionIds.Contains(c.GrantDecisionId) && c.Status == ChangeStatus.Approved)
                .ToListAsync(ct))
            .GroupBy(c => application[c.GrantDecisionId])
            .ToDictionary(g => g.Key, g =>
            {
                var newestFirst = g.OrderByDescending(c => c.DecidedAt).ToList();
                return new ChangedPayee(
                    newestFirst.Select(c => c.AccountNumber).FirstOrDefault(a => a is not null),
                    newestFirst.Select(c => c.OrgNumber).FirstOrDefault(o => o is not null),
                    newestFirst.Select(c => c.Address).FirstOrDefault(a => a is not null));
            });
        return asked.Where(d => latest.ContainsKey(d.ApplicationId)).ToDictionary(d => d.Id, d => latest[d.ApplicationId]);
    }
}
