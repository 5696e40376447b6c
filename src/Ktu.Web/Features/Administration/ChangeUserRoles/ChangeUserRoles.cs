using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Rules;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Administration;

/// <summary>The role to grant.</summary>
public sealed record RoleGrantInput
{
    /// <summary>One of <c>applicant</c>, <c>application-admin</c>, <c>case-officer</c>, <c>approver</c>, <c>directorate</c>, <c>admin</c>.</summary>
    public string? Role { get; init; }
}

/// <summary>
/// Grants and revokes a role, the way Altinn delegates: the administrator anyone's, an embete's leader the embete's case
/// officers and approvers, an application administrator the organisation's applicant access, the directorate the directorate's
/// role to the directorate's users. Nobody grants more than
/// they have (<see cref="RolesAreGrantedOnlyWithinOnesOwn"/>, 403); someone outside one's own organisation or embete is
/// not found (404). The change renews the account's security stamp (<see cref="KtuUserManager"/>), so a revoked access
/// stops at the next request also for cookies and tokens already issued; it is in the audit trail with before and after.
/// </summary>
internal static class ChangeUserRoles
{
    public static void Map(RouteGroupBuilder users)
    {
        users.MapPost("/{id}/roles", GrantAsync)
            .WithSummary("Gi en bruker en rolle. Ingen kan gi mer enn de selv har, og bare i egen organisasjon eller eget embete.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        users.MapDelete("/{id}/roles/{role}", RevokeAsync)
            .WithSummary("Ta en rolle fra en bruker. Tilgangen stopper med en gang, også for tokener som allerede er utstedt.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    internal static async Task<Results<Ok<AdminUserDto>, ValidationProblem>> GrantAsync(
        string id, [FromBody] RoleGrantInput? body, AppDbContext db, KtuUserManager users, CurrentUser me, TimeProvider time, CancellationToken ct) =>
        await HandleAsync(db, users, me, time, id, body?.Role, grant: true, ct) is { } errors
            ? errors.ToValidationProblem()
            : TypedResults.Ok(await DtoAsync(db, users, id, time, ct));

    internal static async Task<Results<Ok<AdminUserDto>, ValidationProblem>> RevokeAsync(
        string id, string role, AppDbContext db, KtuUserManager users, CurrentUser me, TimeProvider time, CancellationToken ct) =>
        await HandleAsync(db, users, me, time, id, role, grant: false, ct) is { } errors
            ? errors.ToValidationProblem()
            : TypedResults.Ok(await DtoAsync(db, users, id, time, ct));

    /// <summary>Null when done (or nothing to do: the role was already granted or already gone); the input's errors otherwise.</summary>
    public static async Task<FieldErrors?> HandleAsync(
        AppDbContext db, KtuUserManager users, CurrentUser me, TimeProvider time, string id, string? role, bool grant, CancellationToken ct)
    {
        if (!RolesAreGrantedOnlyWithinOnesOwn.GrantsAnything(me.Granter))
        {
            throw new ForbiddenException();
        }
        var user = id.Length <= 450 ? await users.FindByIdAsync(id) : null;
        if (user is null || !RolesAreGrantedOnlyWithinOnesOwn.Manages(me.Granter, user.OrganisationId, user.EmbeteId, [.. await users.GetRolesAsync(user)]))
        {
            throw new NotFoundException(AdministrationTexts.User_NotFound);
        }
        if (role is null || !Roles.All.Contains(role))
        {
            var errors = new FieldErrors();
            errors.Add("role", AdministrationTexts.Invite_RoleInvalid);
            return errors;
        }
        if (!RolesAreGrantedOnlyWithinOnesOwn.Allows(me.Granter, role, user.OrganisationId, user.EmbeteId))
        {
            throw new ForbiddenException(AdministrationTexts.Roles_MoreThanYouHave);
        }
        if (user.Id == me.Id)
        {
            throw new RuleViolationException(AdministrationTexts.Roles_NotOwn, "cannot-change-own-roles");
        }
        if (!Roles.Fits(role, user.OrganisationId, user.EmbeteId))
        {
            throw new RuleViolationException(Format.Text(AdministrationTexts.Roles_DoesNotFit, Roles.Norwegian(role)), "role-does-not-fit");
        }
        var before = (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToList();
        if (before.Contains(role) == grant)
        {
            return null;
        }
        var after = grant ? before.Append(role).Order(StringComparer.Ordinal).ToList() : before.Where(r => r != role).ToList();
        var now = time.GetUtcNow();
        await WriteTransaction.RunAsync(db, async () =>
        {
            AuditTrail.Record(db, me, now, grant ? "user.role-granted" : "user.role-revoked", "User", user.Id, user.OrganisationId, user.EmbeteId,
                before: new { user.Email, Roles = before }, after: new { user.Email, Roles = after, Role = role });
            // Saves the audit entry with the role, and renews the security stamp: the user's cookies and tokens stop at once.
            var result = grant ? await users.AddToRoleAsync(user, role) : await users.RemoveFromRoleAsync(user, role);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
            }
            return true;
        }, ct);
        return null;
    }

    private static async Task<AdminUserDto> DtoAsync(AppDbContext db, KtuUserManager users, string id, TimeProvider time, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id) ?? throw new NotFoundException(AdministrationTexts.User_NotFound);
        var roles = await UserRoles.OfAsync(db, [user.Id], ct);
        var now = time.GetUtcNow();
        var lockedOut = await db.LoginLockouts.AnyAsync(l => l.UserId == user.Id && l.LockedUntil > now, ct);
        return new AdminUserDto(user.Id, user.Email ?? "", user.FullName, roles.GetValueOrDefault(user.Id, []), user.OrganisationId, user.EmbeteId,
            user.LockoutEnd > now, user.PasswordHash is not null, lockedOut);
    }
}
