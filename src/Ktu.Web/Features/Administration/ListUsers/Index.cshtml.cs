using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Rules;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Ktu.Web.Features.Administration;

/// <summary>
/// The users page: search, lock (administrator) and unlock (administrator, and an embete's leader after wrong passwords), grant and revoke the roles one may grant (administrator, an
/// embete's leader, an application administrator, each for their own people), and the way to invite.
/// </summary>
[Authorize(Roles = Roles.Admin + "," + Roles.Approver + "," + Roles.ApplicationAdmin + "," + Roles.Directorate)]
public sealed class ListUsersModel(AppDbContext db, KtuUserManager users, CurrentUser me, TimeProvider time, IOptions<IdentityOptions> identity) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public IReadOnlyList<AdminUserDto> Users { get; private set; } = [];

    public bool CanLock => me.IsInRole(Roles.Admin);

    /// <summary>
    /// Whether the page offers to unlock <paramref name="user"/>: the administrator any lock, an embete's leader (who sees
    /// only the embete's people) a lock-out after wrong passwords, not the administrator's lock.
    /// </summary>
    public bool CanUnlock(AdminUserDto user) =>
        CanLock ? user.Locked || user.LockedOut : me.IsInRole(Roles.Approver) && me.EmbeteId is not null && user.LockedOut && !user.Locked;

    /// <summary>The roles the signed-in user may grant to or revoke from <paramref name="user"/>: none of their own.</summary>
    public IReadOnlyList<string> ChangeableRoles(AdminUserDto user) =>
        user.Id == me.Id ? [] : Roles.All.Where(r => RolesAreGrantedOnlyWithinOnesOwn.Allows(me.Granter, r, user.OrganisationId, user.EmbeteId)
            && Roles.Fits(r, user.OrganisationId, user.EmbeteId)).ToList();

    /// <summary>What the page says above the list: whose people these are.</summary>
    public string? Intro => me.IsInRole(Roles.Admin) ? null
        : me.IsEmbeteStaff ? AdministrationTexts.Users_IntroEmbete
        : me.OrganisationId is null ? AdministrationTexts.Users_IntroDirectorate
        : AdministrationTexts.Users_IntroOrganisation;

    [TempData]
    public string? Saved { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!RolesAreGrantedOnlyWithinOnesOwn.GrantsAnything(me.Granter))
        {
            return Forbid();
        }
        Users = await ListUsers.HandleAsync(db, me, Q, time.GetUtcNow(), ct);
        return Page();
    }

    /// <summary>A post without a handler changes nothing, and is refused to anyone who may not lock.</summary>
    public IActionResult OnPost() => CanLock ? RedirectToPage(new { Q }) : Forbid();

    public Task<IActionResult> OnPostGrantAsync(string id, string role, string email, CancellationToken ct) => ChangeRoleAsync(id, role, email, grant: true, ct);

    public Task<IActionResult> OnPostRevokeAsync(string id, string role, string email, CancellationToken ct) => ChangeRoleAsync(id, role, email, grant: false, ct);

    private async Task<IActionResult> ChangeRoleAsync(string id, string role, string email, bool grant, CancellationToken ct)
    {
        var saved = await PageWrites.TryAsync(ModelState, "users", AdministrationTexts.User_NotFound, async () =>
            await ChangeUserRoles.HandleAsync(db, users, me, time, id, role, grant, ct) ?? new FieldErrors());
        if (saved)
        {
            Saved = Format.Text(grant ? AdministrationTexts.Roles_Granted : AdministrationTexts.Roles_Revoked, Roles.Norwegian(role), email);
            return RedirectToPage(new { Q });
        }
        return await OnGetAsync(ct);
    }

    public Task<IActionResult> OnPostLockAsync(string id, CancellationToken ct) =>
        CanLock ? ChangeAsync(() => LockUser.HandleAsync(db, users, me, time, id, ct), AdministrationTexts.Users_Locked, ct) : Task.FromResult<IActionResult>(Forbid());

    /// <summary>Who may unlock whom is the handler's to decide (<see cref="UnlockUser"/>): someone else's account is not found.</summary>
    public Task<IActionResult> OnPostUnlockAsync(string id, CancellationToken ct) =>
        ChangeAsync(() => UnlockUser.HandleAsync(db, users, me, time, identity.Value.Lockout, id, ct), AdministrationTexts.Users_Unlocked, ct);

    private async Task<IActionResult> ChangeAsync(Func<Task> change, string message, CancellationToken ct)
    {
        var saved = await PageWrites.TryAsync(ModelState, "users", AdministrationTexts.User_NotFound, async () =>
        {
            await change();
            return new FieldErrors();
        });
        if (saved)
        {
            Saved = message;
            return RedirectToPage(new { Q });
        }
        return await OnGetAsync(ct);
    }

    public static string RolesOf(AdminUserDto u) => string.Join(", ", u.Roles.Select(Roles.Norwegian));
}
