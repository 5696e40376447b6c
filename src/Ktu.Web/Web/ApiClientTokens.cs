using System.Globalization;
using System.Security.Claims;
using Ktu.Web.Data;
using Ktu.Web.Domain;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ktu.Web.Web;

/// <summary>The scope an API client needs for an endpoint; an endpoint without one is closed to clients.</summary>
public sealed record ApiScopeMetadata(string Scope);

/// <summary>
/// Tokens for API clients (OAuth 2.0 client credentials): the same protected bearer tokens as a person's, carrying the
/// client, its organisation or embete and the granted scopes. An organisation's client acts as its organisation's
/// applicant, an embete's client as a case officer of its embete, but only on endpoints that name a scope it holds
/// (<see cref="RequireApiScope{TBuilder}"/>, and only read endpoints name the embete side's scopes); data of another
/// organisation or embete is 404 by the same checks as for a person.
/// </summary>
public static class ApiClientTokens
{
    public const string ClientClaim = "ktu:client";
    public const string ScopeClaim = "scope";
    /// <summary>Short-lived, as Maskinporten's: a client asks again rather than refreshes.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public static TBuilder RequireApiScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ApiScopeMetadata(scope));

    public static bool IsApiClient(ClaimsPrincipal principal) => principal.HasClaim(c => c.Type == ClientClaim);

    /// <summary>A protected token for <paramref name="client"/> with <paramref name="scopes"/>, valid for <see cref="Lifetime"/>.</summary>
    public static string Issue(IServiceProvider services, ApiClient client, IReadOnlyList<string> scopes, DateTimeOffset now)
    {
        var identity = new ClaimsIdentity(IdentityConstants.BearerScheme);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, "api-client:" + client.Id.ToString()));
        identity.AddClaim(new Claim(ClaimTypes.Name, client.Name));
        identity.AddClaim(new Claim(KtuClaims.FullName, client.Name));
        identity.AddClaim(new Claim(ClientClaim, client.Id.ToString()));
        if (client.EmbeteId is { } embeteId)
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, Roles.CaseOfficer));
            identity.AddClaim(new Claim(KtuClaims.EmbeteId, embeteId));
        }
        else
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, Roles.Applicant));
            identity.AddClaim(new Claim(KtuClaims.OrganisationId, client.OrganisationId!.Value.ToString(CultureInfo.InvariantCulture)));
        }
        foreach (var scope in scopes)
        {
            identity.AddClaim(new Claim(ScopeClaim, scope));
        }
        var properties = new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + Lifetime };
        var options = services.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(IdentityConstants.BearerScheme);
        return options.BearerTokenProtector.Protect(new AuthenticationTicket(new ClaimsPrincipal(identity), properties, IdentityConstants.BearerScheme));
    }
}

/// <summary>
/// A client's token stops working the moment the client is revoked (one small indexed read per client request, as
/// <see cref="SessionsEndAtOnce"/> does for people), and a client token is refused (403) on any endpoint that does not
/// name one of its scopes (what is open to anyone stays open): staff endpoints, pages and administration never do.
/// </summary>
internal sealed class ApiClientTokensEndAtOnce(RequestDelegate next)
{
    private static readonly Func<AppDbContext, Guid, CancellationToken, Task<bool>> IsActive =
        EF.CompileAsyncQuery((AppDbContext db, Guid id, CancellationToken ct) => db.ApiClients.Any(c => c.Id == id && c.RevokedAt == null));

    public async Task InvokeAsync(HttpContext context, AppDbContext db)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true && user.FindFirstValue(ApiClientTokens.ClientClaim) is { } clientId)
        {
            if (!Guid.TryParse(clientId, out var id) || !await IsActive(db, id, context.RequestAborted))
            {
                context.User = new ClaimsPrincipal(new ClaimsIdentity());
            }
            else if (context.GetEndpoint()?.Metadata is var metadata && metadata?.GetMetadata<IAllowAnonymous>() is null
                && (metadata?.GetOrderedMetadata<ApiScopeMetadata>() is not { Count: > 0 } needed
                    || !needed.Any(n => user.HasClaim(ApiClientTokens.ScopeClaim, n.Scope))))
            {
                throw new ForbiddenException(Texts.Problem_ApiClientScope);
            }
        }
        await next(context);
    }
}
