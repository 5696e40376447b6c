using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Rules;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ktu.Web.Features.Administration;

/// <summary>
/// Unlocks an account: ends its lock-outs after wrong passwords (from every network) and, for the administrator, the
/// administrator's own lock too. An embete's leader unlocks the embete's own people, but not an administrator's lock
/// (<see cref="LeadersLiftOnlyLockOutsAfterWrongPasswords"/>). Audited with who unlocked and what was locked.
/// </summary>
internal static class UnlockUser
{
    public static void Map(RouteGroupBuilder users) =>
        users.MapPost("/{id}/unlock", EndpointAsync)
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Approver))
            .WithSummary("Lås opp en bruker. En leder låser opp embetets egne saksbehandlere og ledere etter feil passord; bare administratoren opphever en lås administratoren har satt.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    internal static async Task<NoContent> EndpointAsync(
        string id, AppDbContext db, KtuUserManager users, CurrentUser me, TimeProvider time, IOptions<IdentityOptions> identity, CancellationToken ct)
    {
        await HandleAsync(db, users, me, time, identity.Value.Lockout, id, ct);
        return TypedResults.NoContent();
    }

    public static async Task HandleAsync(
        AppDbContext db, KtuUserManager users, CurrentUser me, TimeProvider time, LockoutOptions lockout, string id, CancellationToken ct)
    {
        var user = id.Length <= 450 ? await users.FindByIdAsync(id) : null;
        var now = time.GetUtcNow();
        var administratorsLock = LeadersLiftOnlyLockOutsAfterWrongPasswords.IsAdministratorsLock(user?.LockoutEnd, now, lockout.DefaultLockoutTimeSpan);
        switch (user is null ? LeadersLiftOnlyLockOutsAfterWrongPasswords.Answer.NotFound
                    : LeadersLiftOnlyLockOutsAfterWrongPasswords.Decide(me.Granter, user.EmbeteId, administratorsLock))
        {
            case LeadersLiftOnlyLockOutsAfterWrongPasswords.Answer.NotFound:
                throw new NotFoundException(AdministrationTexts.User_NotFound);
            case LeadersLiftOnlyLockOutsAfterWrongPasswords.Answer.OnlyTheAdministrator:
                throw new RuleViolationException(AdministrationTexts.User_UnlockOnlyAdministrator, "locked-by-administrator");
        }
        var lockouts = await db.LoginLockouts.Where(l => l.UserId == user!.Id).ToListAsync(ct);
        AuditTrail.Record(db, me, now, "user.unlocked", "User", user!.Id, user.OrganisationId, user.EmbeteId,
            before: new { Locked = user.LockoutEnd > now, LockedOutNetworks = lockouts.Where(l => l.IsLockedOut(now)).Select(l => l.Network).ToList() },
            after: new { Locked = false, LockedOutNetworks = Array.Empty<string>() });
        db.LoginLockouts.RemoveRange(lockouts);
        if (user.LockoutEnd is not null)
        {
            // Saves with the rest, and renews the security stamp as every change of lock does (KtuUserManager).
            await users.SetLockoutEndDateAsync(user, null);
        }
        if (user.AccessFailedCount > 0)
        {
            await users.ResetAccessFailedCountAsync(user);
        }
        await db.SaveChangesAsync(ct);
    }
}
