using Ktu.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Administration;

internal static class UserRoles
{
    /// <summary>The role names of each of <paramref name="userIds"/>.</summary>
    public static async Task<Dictionary<string, IReadOnlyList<string>>> OfAsync(AppDbContext db, IReadOnlyCollection<string> userIds, CancellationToken ct)
    {
        var pairs = await (
            from ur in db.UserRoles.AsNoTracking()
            join r in db.Roles.AsNoTracking() on ur.RoleId equals r.Id
            where userIds.Contains(ur.UserId)
            select new { ur.UserId, r.Name })
            .ToListAsync(ct);
        return pairs.GroupBy(p => p.UserId).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(p => p.Name!).Order(StringComparer.Ordinal).ToList());
    }
}
