using System.Security.Claims;
using Ktu.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ktu.Web.Web;

/// <summary>
/// Cookies and bearer tokens stop working at once, not when they expire: every signed-in request is checked against
/// the account as stored now. A changed security stamp (password changed, roles changed, locked, logged out; see
/// <see cref="KtuUserManager"/>) or a lock-out in force makes the request anonymous, so it is refused (401) or sent to
/// the log-in page, and a stale cookie is removed. One small indexed read per signed-in request.
/// </summary>
internal sealed class SessionsEndAtOnce(RequestDelegate next)
{
    /// <summary>Compiled once: the read runs on every signed-in request, so it skips EF's query cache look-up.</summary>
    private static readonly Func<AppDbContext, string, CancellationToken, Task<Account?>> AccountOf =
        EF.CompileAsyncQuery((AppDbContext db, string id, CancellationToken ct) =>
            db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new Account(u.SecurityStamp, u.LockoutEnd)).SingleOrDefault());

    private sealed record Account(string? SecurityStamp, DateTimeOffset? LockoutEnd);

    public async Task InvokeAsync(HttpContext context, AppDbContext db, IOptions<IdentityOptions> identity, TimeProvider time)
    {
        // An API client has no account: ApiClientTokensEndAtOnce checks it instead.
        if (context.User.Identity?.IsAuthenticated == true && !ApiClientTokens.IsApiClient(context.User))
        {
            var id = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
            var stamp = context.User.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
            var account = id is null ? null : await AccountOf(db, id, context.RequestAborted);
            if (account is null || stamp is null || account.SecurityStamp != stamp || account.LockoutEnd > time.GetUtcNow())
            {
                context.User = new ClaimsPrincipal(new ClaimsIdentity());
                if (!context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
                {
                    context.Response.Cookies.Delete("ktu.auth");
                }
            }
        }
        await next(context);
    }
}
