using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Ktu.Web.Features.Account;

/// <summary>
/// Log-in through ID-porten or Ansattporten: the button posts here and is sent on to the provider; the provider's answer,
/// checked by the OpenID Connect handler (state, nonce, PKCE, signature), comes back here as the external cookie, which is
/// matched to a user (<see cref="SignInExternally"/>) and exchanged for the same session cookie the password gives.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(Policies.LoginRateLimit)]
public sealed class ExternalLoginModel(
    SignInManager<AppUser> signIn, KtuUserManager users, AppDbContext db, ExternalLoginProviders providers, IdentityNumberHash hash, TimeProvider time)
    : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string ProviderName { get; private set; } = "";

    public string? Message { get; private set; }

    public IActionResult OnPost(string provider)
    {
        if (providers.Find(provider) is not { } found)
        {
            return NotFound();
        }
        var callback = Url.Page("/Account/ExternalLogin/ExternalLogin", null, new { provider = found.Scheme, returnUrl = SafeReturnUrl() });
        return Challenge(signIn.ConfigureExternalAuthenticationProperties(found.Scheme, callback), found.Scheme);
    }

    public async Task<IActionResult> OnGetAsync(string provider)
    {
        if (providers.Find(provider) is not { } found)
        {
            return NotFound();
        }
        ProviderName = found.DisplayName;
        var external = await HttpContext.AuthenticateAsync(IdentityConstants.ExternalScheme);
        // One use: whatever the outcome, the provider's answer is not kept.
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        if (!external.Succeeded || external.Properties?.Items.TryGetValue("LoginProvider", out var from) != true || from != found.Scheme)
        {
            return Refused(Format.Text(ExternalLoginTexts.Failed, found.DisplayName));
        }
        var outcome = await SignInExternally.HandleAsync(found, external.Principal, users, db, hash, time);
        if (outcome is SignInExternally.Outcome.Refused refused)
        {
            return Refused(refused.Message);
        }
        // The provider's id_token stays with the session, so that logging out also ends the session there (Logout).
        var session = new AuthenticationProperties { IsPersistent = false };
        session.Items[ExternalLogins.LoginProviderItem] = found.Scheme;
        if (external.Properties?.GetTokenValue("id_token") is { Length: > 0 } idToken)
        {
            session.StoreTokens([new AuthenticationToken { Name = "id_token", Value = idToken }]);
        }
        await signIn.SignInAsync(((SignInExternally.Outcome.SignedIn)outcome).User, session, authenticationMethod: found.Scheme);
        return LocalRedirect(SafeReturnUrl());
    }

    private PageResult Refused(string message)
    {
        Message = message;
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }

    private string SafeReturnUrl() => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";
}
