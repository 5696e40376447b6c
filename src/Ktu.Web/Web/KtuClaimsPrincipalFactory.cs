using System.Security.Claims;
using System.Threading.RateLimiting;
using Ktu.Web.Data;
using Ktu.Web.Domain;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;

namespace Ktu.Web.Web;

/// <summary>Puts the user's organisation or embete into the principal, so every check is a claim lookup.</summary>
internal sealed class KtuClaimsPrincipalFactory(
    Microsoft.AspNetCore.Identity.UserManager<AppUser> users,
    RoleManager<IdentityRole> roles,
    Microsoft.Extensions.Options.IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.OrganisationId is { } org)
        {
            identity.AddClaim(new Claim(KtuClaims.OrganisationId, org.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        if (user.EmbeteId is { } embete)
        {
            identity.AddClaim(new Claim(KtuClaims.EmbeteId, embete));
        }
        if (user.FullName is { } name)
        {
            identity.AddClaim(new Claim(KtuClaims.FullName, name));
        }
        return identity;
    }
}
