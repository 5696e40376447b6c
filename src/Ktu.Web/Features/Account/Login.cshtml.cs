using System.ComponentModel.DataAnnotations;
using Ktu.Web.Data;
using Ktu.Web.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Ktu.Web.Features.Account;

[AllowAnonymous]
[EnableRateLimiting(Web.Policies.LoginRateLimit)]
public sealed class LoginModel(
    SignInManager<AppUser> signIn, UserManager<AppUser> users, AppDbContext db, TimeProvider time, FailedLoginsPerAddress addressLimit, IConfiguration configuration) : PageModel
{
    [BindProperty]
    [Required(ErrorMessageResourceType = typeof(LoginMessages), ErrorMessageResourceName = nameof(LoginMessages.Login_EmailRequired))]
    [EmailAddress(ErrorMessageResourceType = typeof(LoginMessages), ErrorMessageResourceName = nameof(LoginMessages.Login_EmailInvalid))]
    [MaxLength(256, ErrorMessageResourceType = typeof(LoginMessages), ErrorMessageResourceName = nameof(LoginMessages.Login_EmailTooLong))]
    public string? Email { get; set; }

    [BindProperty]
    [Required(ErrorMessageResourceType = typeof(LoginMessages), ErrorMessageResourceName = nameof(LoginMessages.Login_PasswordRequired))]
    [MaxLength(256, ErrorMessageResourceType = typeof(LoginMessages), ErrorMessageResourceName = nameof(LoginMessages.Login_PasswordTooLong))]
    [DataType(DataType.Password)]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool DemoEnabled => configuration.GetValue("Demo:Enabled", false);

    public IActionResult OnGet()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            return LocalRedirect(SafeReturnUrl());
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var outcome = await LoginCheck.CheckAsync(Email!, Password!, new(signIn, users, db, time, HttpContext, addressLimit));
        if (outcome.AddressLimited)
        {
            // The form again with the reason, answered 429 as the API is.
            ModelState.AddModelError(nameof(Email), AccountTexts.Login_TooManyFromAddress);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }
        if (outcome.User is null)
        {
            ModelState.AddModelError(nameof(Email), AccountTexts.Login_Failed);
            return Page();
        }
        await signIn.SignInAsync(outcome.User, isPersistent: false);
        return LocalRedirect(SafeReturnUrl());
    }

    private string SafeReturnUrl() => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";
}
