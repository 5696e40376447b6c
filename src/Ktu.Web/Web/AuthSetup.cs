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

public static class AuthSetup
{
    /// <summary>Smart scheme: a request with "Authorization: Bearer" uses the API token, all others the cookie.</summary>
    public const string Scheme = "ktu";

    public static IServiceCollection AddAuth(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddUserManager<KtuUserManager>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<KtuClaimsPrincipalFactory>()
            .AddErrorDescriber<NorwegianIdentityErrors>()
            .AddDefaultTokenProviders();

        // Keys live in the database so several instances behind a load balancer share cookies and tokens; encrypted with a certificate when one is configured.
        services.AddDataProtection()
            .SetApplicationName("KTU")
            .PersistKeysToDbContext<AppDbContext>()
            .ProtectKeysWithConfiguredCertificate(configuration);

        var auth = services.AddAuthentication(o =>
            {
                o.DefaultScheme = Scheme;
                o.DefaultChallengeScheme = Scheme;
            })
            .AddPolicyScheme(Scheme, "KTU", o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(1));
        auth.AddIdentityCookies();

        // ID-porten (applicants) and Ansattporten (staff), each on when configured: see ExternalLogins.
        auth.AddExternalLogins(configuration);

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "ktu.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = WebSetup.CookieSecurity(configuration);
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.LoginPath = "/logg-inn";
            o.LogoutPath = "/logg-ut";
            o.AccessDeniedPath = "/ingen-tilgang";
            o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx, StatusCodes.Status403Forbidden);
        });

        services.AddAuthorizationBuilder()
            // Every page and endpoint needs a signed-in user unless it says [AllowAnonymous].
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Applicant, p => p.RequireRole(Roles.Applicant).RequireClaim(KtuClaims.OrganisationId))
            .AddPolicy(Policies.EmbeteStaff, p => p.RequireRole(Roles.CaseOfficer, Roles.Approver).RequireClaim(KtuClaims.EmbeteId))
            .AddPolicy(Policies.Approver, p => p.RequireRole(Roles.Approver).RequireClaim(KtuClaims.EmbeteId))
            .AddPolicy(Policies.Directorate, p => p.RequireRole(Roles.Directorate, Roles.Admin))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.AllocationWhatIf, p => p.RequireRole(Roles.CaseOfficer, Roles.Approver, Roles.Directorate, Roles.Admin));

        var perMinute = configuration.GetValue("Security:LoginAttemptsPerMinute", 20);
        var documentsPerMinute = configuration.GetValue("Security:DocumentDownloadsPerMinute", 60);
        var submitLimit = new SubmitLimit(configuration.GetValue("Security:SubmitsPerHour", 30));
        services.AddSingleton(submitLimit);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(Policies.LoginRateLimit, ctx => RateLimitPartition.GetFixedWindowLimiter(
                ctx.Connection.RemoteIpAddress?.ToString() ?? "local",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.AddPolicy(Policies.DocumentRateLimit, ctx => RateLimitPartition.GetSlidingWindowLimiter(
                Caller(ctx),
                _ => new SlidingWindowRateLimiterOptions { PermitLimit = documentsPerMinute, Window = TimeSpan.FromMinutes(1), SegmentsPerWindow = 6, QueueLimit = 0 }));
            // The summary page's submit and withdraw buttons take from the same budget (SubmitLimit).
            o.AddPolicy(Policies.SubmitRateLimit, submitLimit.Policy);
            o.OnRejected = async (ctx, ct) =>
            {
                var problems = ctx.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                var policy = ctx.HttpContext.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = ctx.HttpContext,
                    ProblemDetails =
                    {
                        Status = 429,
                        Title = policy switch
                        {
                            Policies.DocumentRateLimit => Texts.Problem_TooManyDownloads,
                            Policies.SubmitRateLimit => Texts.Problem_TooManySubmits,
                            _ => Texts.Problem_TooManyAttempts,
                        },
                    },
                });
            };
        });

        services.AddHttpContextAccessor();
        services.AddScoped<CurrentUser>();
        services.AddScoped<LayoutInfo>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>The signed-in person, else the address: a limit per caller, not one shared by everyone.</summary>
    internal static string Caller(HttpContext ctx) =>
        ctx.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value is { } id
            ? "user:" + id
            : "ip:" + (ctx.Connection.RemoteIpAddress?.ToString() ?? "local");

    private static Task ApiAware(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
