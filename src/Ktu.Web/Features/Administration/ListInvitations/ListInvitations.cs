using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Rules;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Administration;

/// <summary>Invitations, newest first, with whether each link is open, used or expired: all for the administrator, the embete's own for a leader.</summary>
internal static class ListInvitations
{
    public const int MaxShown = 500;

    public static void Map(RouteGroupBuilder invitations) =>
        invitations.MapGet("/", EndpointAsync)
            .WithSummary("Invitasjoner, nyeste først, med om lenken er åpen, brukt eller utløpt.")
            .ProducesProblem(StatusCodes.Status403Forbidden);

    internal static async Task<Ok<List<InvitationDto>>> EndpointAsync(AppDbContext db, CurrentUser me, TimeProvider time, CancellationToken ct) =>
        TypedResults.Ok(await HandleAsync(db, me, time.GetUtcNow(), ct));

    public static async Task<List<InvitationDto>> HandleAsync(AppDbContext db, CurrentUser me, DateTimeOffset now, CancellationToken ct)
    {
        if (!RolesAreGrantedOnlyWithinOnesOwn.GrantsAnything(me.Granter))
        {
            throw new ForbiddenException();
        }
        var rows = await (
            from link in db.PasswordLinks.AsNoTracking()
            join user in db.Users.AsNoTracking().ManagedBy(db, me.Granter) on link.UserId equals user.Id
            where link.Purpose == PasswordLinkPurpose.Invitation
            orderby link.CreatedAt descending
            select new { link, user })
            .Take(MaxShown)
            .ToListAsync(ct);
        var ids = rows.Select(r => r.user.Id).ToList();
        var roles = await UserRoles.OfAsync(db, ids, ct);
        return rows.Select(r => Invitations.ToDto(r.link, r.user, roles.GetValueOrDefault(r.user.Id, []), now)).ToList();
    }
}
