using Ktu.Web.Data;
using Ktu.Web.Web;

namespace Ktu.Web.Features.Account;

/// <summary>
/// "Log out everywhere else" (issue 19): a new security stamp ends every cookie and bearer token of the account at once
/// (<see cref="SessionsEndAtOnce"/>); the page signs its own browser in again, so only the others end.
/// </summary>
internal static class EndOtherSessions
{
    public static async Task HandleAsync(AppDbContext db, KtuUserManager users, CurrentUser me, TimeProvider time, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(me.Id ?? throw new ForbiddenException()) ?? throw new ForbiddenException();
        await users.UpdateSecurityStampAsync(user);
        AuditTrail.Record(db, me, time.GetUtcNow(), "user.sessions-ended", "User", user.Id, user.OrganisationId, user.EmbeteId);
        await db.SaveChangesAsync(ct);
    }
}
