using Ktu.Web.Data;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ktu.Web.Features.Administration;

/// <summary>
/// The administrator locks an account (unlocking is <see cref="UnlockUser"/>). A lock renews the account's security stamp (<see cref="KtuUserManager"/>),
/// so its cookies and tokens stop at the next request (<see cref="SessionsEndAtOnce"/>), not when they expire.
/// </summary>
internal static class LockUser
{
    public static void Map(RouteGroupBuilder users)
    {
        users.MapPost("/{id}/lock", LockAsync)
            .RequireAuthorization(Policies.Admin)
            .WithSummary("Lås en bruker: innlogginger og tilgangstokener slutter å virke med en gang.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    internal static async Task<NoContent> LockAsync(string id, AppDbContext db, KtuUserManager users, CurrentUser me, TimeProvider time, CancellationToken ct)
    {
        await HandleAsync(db, users, me, time, id, ct);
        return TypedResults.NoContent();
    }

    public static async Task HandleAsync(AppDbContext db, KtuUserManager users, CurrentUser me, TimeProvider time, string id, CancellationToken ct)
    {
        var user = id.Length <= 450 ? await users.FindByIdAsync(id) : null;
        if (user is null)
        {
            throw new NotFoundException(AdministrationTexts.User_NotFound);
        }
        if (user.Id == me.Id)
        {
            throw new RuleViolationException(AdministrationTexts.User_CannotLockSelf, "cannot-lock-self");
        }
        var now = time.GetUtcNow();
        AuditTrail.Record(db, me, now, "user.locked", "User", user.Id, user.OrganisationId, user.EmbeteId,
            before: new { Locked = user.LockoutEnd > now }, after: new { Locked = true });
        await users.SetLockoutEnabledAsync(user, true);
        // Until further notice: a lock the administrator set does not run out by itself, unlike the 15 minutes after wrong passwords.
        await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
    }
}
