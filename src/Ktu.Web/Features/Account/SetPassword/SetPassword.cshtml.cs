using Ktu.Web.Data;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Ktu.Web.Features.Account;

/// <summary>The page a one-time link opens: choose a password, once, before the link expires.</summary>
[AllowAnonymous]
[EnableRateLimiting(Policies.LoginRateLimit)]
public sealed class SetPasswordModel(AppDbContext db, KtuUserManager users, CurrentUser me, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? Repeated { get; set; }

    /// <summary>Why the link cannot be used; null when the form is shown.</summary>
    public string? Problem { get; private set; }

    /// <summary>Set when the password was saved: the account's e-mail, to log in with.</summary>
    public string? DoneFor { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) =>
        Problem = await SetPasswordWithLink.ProblemAsync(db, Token, time.GetUtcNow(), ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await SetPasswordWithLink.HandleAsync(db, users, me, Token, Password, Repeated, time.GetUtcNow(), ct);
        switch (outcome)
        {
            case SetPasswordWithLink.Outcome.Done done:
                DoneFor = done.Email;
                break;
            case SetPasswordWithLink.Outcome.Unusable unusable:
                Problem = unusable.Message;
                break;
            case SetPasswordWithLink.Outcome.Invalid invalid:
                foreach (var (field, messages) in invalid.Errors)
                {
                    foreach (var message in messages)
                    {
                        ModelState.AddModelError(field, message);
                    }
                }
                break;
        }
        return Page();
    }
}
