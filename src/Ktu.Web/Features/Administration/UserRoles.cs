using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Rules;
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

    /// <summary>
    /// The accounts <paramref name="granter"/> sees and manages, as a query: the same scope as
    /// <see cref="RolesAreGrantedOnlyWithinOnesOwn.Manages"/>, so a list never shows what a change would refuse.
    /// </summary>
    public static IQueryable<AppUser> ManagedBy(this IQueryable<AppUser> users, AppDbContext db, RolesAreGrantedOnlyWithinOnesOwn.Granter granter)
    {
        if (granter.Roles.Contains(Roles.Admin))
        {
            return users;
        }
        var embeteId = granter.Roles.Contains(Roles.Approver) ? granter.EmbeteId : null;
        var organisationId = granter.Roles.Contains(Roles.ApplicationAdmin) ? granter.OrganisationId : null;
        var directorate = granter.Roles.Contains(Roles.Directorate) && granter.OrganisationId is null && granter.EmbeteId is null;
        var administrators =
            from ur in db.UserRoles
            join r in db.Roles on ur.RoleId equals r.Id
            where r.Name == Roles.Admin
            select ur.UserId;
        return users.Where(u => !administrators.Contains(u.Id)
            && ((embeteId != null && u.EmbeteId == embeteId)
                || (organisationId != null && u.OrganisationId == organisationId)
                || (directorate && u.OrganisationId == null && u.EmbeteId == null)));
    }
}
