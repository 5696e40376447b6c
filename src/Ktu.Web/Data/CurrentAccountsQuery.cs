using Ktu.Web.Domain.Reporting;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Data;

/// <summary>
/// Where a grant's money goes after approved changes: the latest approved account change per grant. A grant without one is
/// paid to the account in its decision. The payment files and the change history ask the same question.
/// </summary>
public static class CurrentAccountsQuery
{
    public static async Task<Dictionary<Guid, string>> CurrentAccountsAsync(this AppDbContext db, IReadOnlyCollection<Guid> grantIds, CancellationToken ct) =>
        (await db.AccountChanges.AsNoTracking()
            .Where(c => grantIds.Contains(c.GrantDecisionId) && c.Status == ChangeStatus.Approved)
            .Select(c => new { c.GrantDecisionId, c.AccountNumber, c.DecidedAt })
            .ToListAsync(ct))
        .GroupBy(c => c.GrantDecisionId)
        .ToDictionary(g => g.Key, g => g.OrderByDescending(c => c.DecidedAt).First().AccountNumber);
}
