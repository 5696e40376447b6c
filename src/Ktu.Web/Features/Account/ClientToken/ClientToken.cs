using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Serialization;
using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Audit;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Ktu.Web.Features.Account;

/// <summary>The token request of RFC 6749 §4.4.2, form-encoded.</summary>
public sealed record ClientTokenRequest
{
    /// <summary>Always <c>client_credentials</c>.</summary>
    [JsonPropertyName("grant_type")]
    public string? GrantType { get; init; }
    /// <summary>Or in the Authorization: Basic header.</summary>
    [JsonPropertyName("client_id")]
    public string? ClientId { get; init; }
    /// <summary>Or in the Authorization: Basic header.</summary>
    [JsonPropertyName("client_secret")]
    public string? ClientSecret { get; init; }
    /// <summary>Space-separated; empty gives every scope the client has.</summary>
    [JsonPropertyName("scope")]
    public string? Scope { get; init; }
}

/// <summary>The access-token response of RFC 6749 §5.1.</summary>
public sealed record ClientTokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("scope")] string Scope);

/// <summary>
/// OAuth 2.0 client credentials (RFC 6749 §4.4), the shape of Maskinporten: a registered API client trades its id and
/// secret (client_secret_basic or client_secret_post, over HTTPS) for a short-lived bearer token. Errors carry the
/// RFC 6749 §5.2 <c>error</c> code (<c>invalid_request</c>, <c>invalid_client</c>, <c>unsupported_grant_type</c>,
/// <c>invalid_scope</c>) inside the app's ProblemDetails, so OAuth libraries and the app's own error contract both
/// read it. Limited per address like the log-in, and every issued token is in the audit trail.
/// </summary>
internal static class ClientToken
{
    public const string GrantType = "client_credentials";

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/auth/token", EndpointAsync)
            .AllowAnonymous()
            .RequireRateLimiting(Policies.LoginRateLimit)
            .Accepts<ClientTokenRequest>("application/x-www-form-urlencoded")
            .WithSummary("Tilgangstoken for en API-klient (OAuth 2.0 client credentials, som Maskinporten). Feil har OAuth-koden i \"error\".")
            .Produces<ClientTokenResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

    internal static async Task<Results<Ok<ClientTokenResponse>, ProblemHttpResult>> EndpointAsync(
        HttpContext http, AppDbContext db, TimeProvider time, ILogger<ClientTokenRequest> log, CancellationToken ct)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
        if (!http.Request.HasFormContentType)
        {
            return Error(StatusCodes.Status400BadRequest, "invalid_request", AccountTexts.ClientToken_NotForm);
        }
        var form = await http.Request.ReadFormAsync(ct);
        var grantType = form["grant_type"].ToString();
        if (grantType.Length == 0)
        {
            return Error(StatusCodes.Status400BadRequest, "invalid_request", AccountTexts.ClientToken_NoGrantType);
        }
        if (grantType != GrantType)
        {
            return Error(StatusCodes.Status400BadRequest, "unsupported_grant_type", AccountTexts.ClientToken_UnsupportedGrant);
        }
        var (id, secret) = Credentials(http.Request, form);
        var client = Guid.TryParse(id, out var clientId) ? await db.ApiClients.FindAsync([clientId], ct) : null;
        if (client is null || secret is null || !client.IsActive || !client.HasSecret(secret))
        {
            log.LogWarning("Client credentials refused for client {ClientId}", id);
            if (http.Request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            {
                http.Response.Headers.WWWAuthenticate = "Basic realm=\"ktu\"";
            }
            return Error(StatusCodes.Status401Unauthorized, "invalid_client", AccountTexts.ClientToken_InvalidClient);
        }
        var requested = form["scope"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var granted = requested.Length == 0 ? client.ScopeList : requested.Distinct(StringComparer.Ordinal).ToList();
        if (granted.Except(client.ScopeList, StringComparer.Ordinal).Any())
        {
            return Error(StatusCodes.Status400BadRequest, "invalid_scope", AccountTexts.ClientToken_InvalidScope);
        }
        var now = time.GetUtcNow();
        var token = ApiClientTokens.Issue(http.RequestServices, client, granted, now);
        var scope = string.Join(' ', granted);
        db.AuditEntries.Add(AuditEntry.Create(now, "api-client:" + client.Id, null, "api-client.token-issued", "ApiClient", client.Id.ToString(),
            organisationId: client.OrganisationId, embeteId: client.EmbeteId, after: new { scope, expiresAt = now + ApiClientTokens.Lifetime }));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new ClientTokenResponse(token, "Bearer", (int)ApiClientTokens.Lifetime.TotalSeconds, scope));
    }

    /// <summary>client_secret_basic (RFC 6749 §2.3.1: both parts form-encoded) or client_secret_post.</summary>
    private static (string? Id, string? Secret) Credentials(HttpRequest request, IFormCollection form)
    {
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header)
            && string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) && header.Parameter is { } parameter)
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
                var colon = pair.IndexOf(':', StringComparison.Ordinal);
                return colon < 0 ? (null, null) : (Uri.UnescapeDataString(pair[..colon]), Uri.UnescapeDataString(pair[(colon + 1)..]));
            }
            catch (FormatException)
            {
                return (null, null);
            }
        }
        var secret = form["client_secret"].ToString();
        return (form["client_id"].ToString(), secret.Length == 0 ? null : secret);
    }

    private static ProblemHttpResult Error(int status, string error, string description)
    {
        var problem = new ProblemDetails { Status = status, Title = description };
        problem.Extensions["error"] = error;
        problem.Extensions["error_description"] = description;
        return TypedResults.Problem(problem);
    }
}
