using System.Security.Claims;
using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Audit;
using Ktu.Web.Domain.Rules;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Identity;

namespace Ktu.Web.Features.Account;

/// <summary>
/// Who a person proved to be at ID-porten or Ansattporten, matched to an existing KTU user: first by the keyed hash of the
/// national identity number linked to the user, else by an e-mail the provider says is verified, which then links the number
/// for next time. Nobody is created: KTU's users are invited. A locked account and a user of the other kind
/// (<see cref="ExternalLogInIsForItsOwnKindOfUser"/>) are refused; every sign-in and every refusal of a known user is audited.
/// </summary>
internal static class SignInExternally
{
    public abstract record Outcome
    {
        public sealed record SignedIn(AppUser User) : Outcome;

        public sealed record Refused(string Message) : Outcome;
    }

    public static async Task<Outcome> HandleAsync(ExternalProvider provider, ClaimsPrincipal person, KtuUserManager users,
        AppDbContext db, IdentityNumberHash hash, TimeProvider time)
    {
        if (person.FindFirstValue("acr") is not { } acr || !provider.AcceptedAcr.Contains(acr, StringComparer.Ordinal))
        {
            return new Outcome.Refused(Format.Text(ExternalLoginTexts.LevelTooLow, provider.DisplayName));
        }
        var key = person.FindFirstValue("pid") is { Length: > 0 } pid ? hash.Of(pid) : null;
        var user = key is null ? null : await users.FindByLoginAsync(provider.Scheme, key);
        var matchedBy = "identity-number";
        if (user is null && VerifiedEmail(person) is { } email)
        {
            user = await users.FindByEmailAsync(email);
            matchedBy = "email";
            // An account already linked to another person at this provider is not taken over through its e-mail address.
            if (user is not null && (await users.GetLoginsAsync(user)).Any(l => l.LoginProvider == provider.Scheme && l.ProviderKey != key))
            {
                user = null;
            }
        }
        if (user is null)
        {
            return new Outcome.Refused(Format.Text(ExternalLoginTexts.Unknown, provider.DisplayName));
        }

        var now = time.GetUtcNow();
        if (user.LockoutEnd > now)
        {
            await AuditAsync(db, user, now, "user.external-login-refused", new { Provider = provider.Scheme, Reason = "locked" });
            return new Outcome.Refused(ExternalLoginTexts.Locked);
        }
        if (!ExternalLogInIsForItsOwnKindOfUser.Allows(provider.Users, [.. await users.GetRolesAsync(user)]))
        {
            await AuditAsync(db, user, now, "user.external-login-refused", new { Provider = provider.Scheme, Reason = "other-kind-of-user" });
            return new Outcome.Refused(Format.Text(
                provider.Users == ExternalLogInIsForItsOwnKindOfUser.Kind.Applicants ? ExternalLoginTexts.NotForStaff : ExternalLoginTexts.NotForApplicants,
                provider.DisplayName));
        }

        var link = matchedBy == "email" && key is not null;
        db.AuditEntries.Add(AuditEntry.Create(now, user.Id, user.Email, "user.external-login", "User", user.Id, user.OrganisationId, user.EmbeteId,
            after: new { Provider = provider.Scheme, MatchedBy = matchedBy, IdentityNumberLinked = link, Acr = acr }));
        if (link)
        {
            // Saves the audit entry with the link, in one unit of work.
            var linked = await users.AddLoginAsync(user, new UserLoginInfo(provider.Scheme, key!, provider.DisplayName));
            if (!linked.Succeeded)
            {
                throw new InvalidOperationException("Linking the external log-in failed: " + string.Join("; ", linked.Errors.Select(e => e.Code)));
            }
        }
        else
        {
            await db.SaveChangesAsync();
        }
        return new Outcome.SignedIn(user);
    }

    /// <summary>An e-mail address only counts when the provider vouches for it (<c>email_verified</c>).</summary>
    private static string? VerifiedEmail(ClaimsPrincipal person) =>
        person.FindFirstValue("email") is { Length: > 0 and <= 256 } email
        && string.Equals(person.FindFirstValue("email_verified"), "true", StringComparison.OrdinalIgnoreCase)
            ? email.Trim()
            : null;

    private static async Task AuditAsync(AppDbContext db, AppUser user, DateTimeOffset now, string action, object after)
    {
        db.AuditEntries.Add(AuditEntry.Create(now, user.Id, user.Email, action, "User", user.Id, user.OrganisationId, user.EmbeteId, after: after));
        await db.SaveChangesAsync();
    }
}
