using Ktu.Web.Domain;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ktu.Web.Features.Account;

[AllowAnonymous]
public sealed class LogoutModel(SignInManager<AppUser> signIn, ExternalLoginProviders providers) : PageModel
{
    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? Page() : RedirectToPage("/Account/Login");

    /// <summary>
    /// Logs out everywhere: a new security stamp ends every cookie and token of the account at once. A person who logged in
    /// through ID-porten or Ansattporten is sent on to the provider's end_session_endpoint with the session's id_token as
    /// id_token_hint, so the single sign-on session there ends too (else the next "Logg inn med ID-porten" would sign them
    /// straight back in on a shared computer), and comes back to the log-in page.
    /// </summary>
    public async Task<IActionResult> OnPostAsync()
    {
        var session = await HttpContext.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var idToken = session.Properties?.GetTokenValue("id_token");
        var provider = session.Properties?.Items.TryGetValue(ExternalLogins.LoginProviderItem, out var scheme) == true ? providers.Find(scheme) : null;
        if (await signIn.UserManager.GetUserAsync(User) is { } user)
        {
            await signIn.UserManager.UpdateSecurityStampAsync(user);
        }
        await signIn.SignOutAsync();
        if (provider is not null && idToken is { Length: > 0 })
        {
            var properties = new AuthenticationProperties { RedirectUri = Url.Page("/Account/Login") };
            properties.Items[ExternalLogins.IdTokenHintItem] = idToken;
            return SignOut(properties, provider.Scheme);
        }
        return RedirectToPage("/Account/Login");
    }
}
