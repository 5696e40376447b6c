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

public static class KtuClaims
{
    public const string OrganisationId = "ktu:org";
    public const string EmbeteId = "ktu:embete";
    public const string FullName = "ktu:name";
}
