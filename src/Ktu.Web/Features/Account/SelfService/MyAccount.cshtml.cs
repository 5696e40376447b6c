using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Ktu.Web.Features.Account;

/// <summary>"Min konto": change the password, see the own log-ins, end the other sessions (issue 19).</summary>
public sealed class MyAccountModel(AppDbContext db, KtuUserManager users, SignInManager<AppUser> signIn, CurrentUser me, TimeProvider time) : PageModel
{
    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    public IReadOnlyList<OwnLogin> Logins { get; private set; } = [];

    /// <summary>What was just done, shown as a receipt at the top.</summary>
    [TempData]
    public string? Done { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Logins = await OwnLoginHistory.ReadAsync(db, me, ct);

    [EnableRateLimiting(Policies.LoginRateLimit)]
    public async Task<IActionResult> OnPostPasswordAsync(CancellationToken ct)
    {
        var errors = await ChangeOwnPassword.HandleAsync(db, users, me, time, HttpContext, CurrentPassword, NewPassword, ct);
        if (errors.Count > 0)
        {
            foreach (var (field, messages) in errors)
            {
                foreach (var message in messages)
                {
                    ModelState.AddModelError(field == "currentPassword" ? nameof(CurrentPassword) : nameof(NewPassword), message);
                }
            }
            Logins = await OwnLoginHistory.ReadAsync(db, me, ct);
            return Page();
        }
        await SignInAgainAsync();
        Done = AccountTexts.MyAccount_PasswordChanged;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEndSessionsAsync(CancellationToken ct)
    {
        await EndOtherSessions.HandleAsync(db, users, me, time, ct);
        await SignInAgainAsync();
        Done = AccountTexts.MyAccount_SessionsEnded;
        return RedirectToPage();
    }

    /// <summary>The new stamp ended this browser's cookie too: a fresh one keeps this session, the others stay ended.</summary>
    private async Task SignInAgainAsync()
    {
        var user = await users.FindByIdAsync(me.Id!) ?? throw new ForbiddenException();
        await signIn.SignInAsync(user, isPersistent: false);
    }
}
