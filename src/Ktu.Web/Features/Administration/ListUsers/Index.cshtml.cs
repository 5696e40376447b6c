using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Rules;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ktu.Web.Features.Administration;

/// <summary>The users page: search, lock and unlock (administrator), and the way to invite.</summary>
[Authorize(Roles = Roles.Admin + "," + Roles.Approver)]
public sealed class ListUsersModel(AppDbContext db, KtuUserManager users, CurrentUser me, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public IReadOnlyList<AdminUserDto> Users { get; private set; } = [];

    public bool CanLock => me.IsInRole(Roles.Admin);

    [TempData]
    public string? Saved { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!RolesAreGrantedOnlyWithinOnesOwn.GrantsAnything(me.Roles, me.EmbeteId))
        {
            return Forbid();
        }
        Users = await ListUsers.HandleAsync(db, me, Q, time.GetUtcNow(), ct);
        return Page();
    }

    /// <summary>A post without a handler changes nothing, and is refused to anyone who may not lock.</summary>
    public IActionResult OnPost() => CanLock ? RedirectToPage(new { Q }) : Forbid();

    public Task<IActionResult> OnPostLockAsync(string id, CancellationToken ct) => ChangeAsync(id, locked: true, ct);

    public Task<IActionResult> OnPostUnlockAsync(string id, CancellationToken ct) => ChangeAsync(id, locked: false, ct);

    private async Task<IActionResult> ChangeAsync(string id, bool locked, CancellationToken ct)
    {
        if (!CanLock)
        {
            return Forbid();
        }
        var saved = await PageWrites.TryAsync(ModelState, "users", AdministrationTexts.User_NotFound, async () =>
        {
            await LockUser.HandleAsync(db, users, me, time, id, locked, ct);
            return new FieldErrors();
        });
        if (saved)
        {
            Saved = locked ? AdministrationTexts.Users_Locked : AdministrationTexts.Users_Unlocked;
            return RedirectToPage(new { Q });
        }
        return await OnGetAsync(ct);
    }

    public static string RolesOf(AdminUserDto u) => string.Join(", ", u.Roles.Select(Roles.Norwegian));
}
