using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Rules;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Administration;

/// <param name="Locked">The account itself is locked, by the administrator (wrong passwords lock out only a network: <c>LockedOut</c>).</param>
/// <param name="HasPassword">False for an invited user who has not yet chosen a password.</param>
/// <param name="LockedOut">Wrong passwords have locked the account out for at least one network, for a while (issue 16).</param>
public sealed record AdminUserDto(
    string Id, string Email, string? FullName, IReadOnlyList<string> Roles, int? OrganisationId, string? EmbeteId, bool Locked, bool HasPassword, bool LockedOut);

/// <summary>Users by e-mail, optionally those whose e-mail contains a search text: all for the administrator, the embete's own for a leader, the organisation's own for an application administrator.</summary>
internal static class ListUsers
{
    public const int MaxShown = 200;

    public static void Map(RouteGroupBuilder users) =>
        users.MapGet("/", EndpointAsync)
            .WithSummary("Brukere etter e-post (høyst 200), eventuelt bare de med søketeksten «q» i e-postadressen.")
            .ProducesProblem(StatusCodes.Status403Forbidden);

    internal static async Task<Ok<List<AdminUserDto>>> EndpointAsync(string? q, AppDbContext db, CurrentUser me, TimeProvider time, CancellationToken ct) =>
        TypedResults.Ok(await HandleAsync(db, me, q, time.GetUtcNow(), ct));

    public static async Task<List<AdminUserDto>> HandleAsync(AppDbContext db, CurrentUser me, string? search, DateTimeOffset now, CancellationToken ct)
    {
        if (!RolesAreGrantedOnlyWithinOnesOwn.GrantsAnything(me.Granter))
        {
            throw new ForbiddenException();
        }
        var text = search?.Trim().ToUpperInvariant() ?? "";
        if (text.Length > 256)
        {
            text = text[..256];
        }
        var users = await db.Users.AsNoTracking().ManagedBy(db, me.Granter)
            .Where(u => text == "" || u.NormalizedEmail!.Contains(text))
            .OrderBy(u => u.NormalizedEmail)
            .Take(MaxShown)
            .ToListAsync(ct);
        var ids = users.Select(u => u.Id).ToList();
        var roles = await UserRoles.OfAsync(db, ids, ct);
        var lockedOut = (await db.LoginLockouts.AsNoTracking().Where(l => ids.Contains(l.UserId) && l.LockedUntil > now).Select(l => l.UserId).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        return users.Select(u => new AdminUserDto(
            u.Id, u.Email ?? "", u.FullName, roles.GetValueOrDefault(u.Id, []), u.OrganisationId, u.EmbeteId,
            u.LockoutEnd > now, u.PasswordHash is not null, lockedOut.Contains(u.Id))).ToList();
    }
}
