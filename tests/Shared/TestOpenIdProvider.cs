using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Ktu.TestSupport;

/// <summary>A person as an OpenID Connect provider knows them: the claims it puts in the id_token.</summary>
public sealed record TestPerson(string Pid, string? Email = null, bool EmailVerified = true, string Acr = "idporten-loa-substantial");

/// <summary>
/// A local OpenID Connect provider in the shape of ID-porten/Ansattporten (OpenIddict's server on Kestrel on a free loopback
/// port; no database, "degraded mode"): authorization code flow with PKCE, id_tokens signed with a key made at start, the
/// clients and their secrets below. No external network is needed. The person who "logs in" is named by the <c>login_hint</c>
/// the test adds to the authorization request; without one, the provider shows its own small log-in page where a browser test
/// types the name of the test person, as a person would on ID-porten's.
/// </summary>
public sealed class TestOpenIdProvider : IAsyncDisposable
{
    public const string Secret = "test-secret-not-for-production";

    private readonly Dictionary<string, TestPerson> _people = [];
    private WebApplication _app = null!;

    private TestOpenIdProvider()
    {
    }

    /// <summary>Where the provider answers, e.g. http://127.0.0.1:40123/ (the authority the app is configured with).</summary>
    public Uri Authority { get; private set; } = null!;

    /// <summary>The client ids KTU is registered with and the scheme each belongs to (its callbacks end in the scheme).</summary>
    public static readonly IReadOnlyDictionary<string, string> Clients = new Dictionary<string, string>
    {
        ["ktu-idporten"] = "idporten",
        ["ktu-ansattporten"] = "ansattporten",
    };

    /// <summary>
    /// Where KTU runs, as registered with the provider: each client may be sent back only to its own callback there
    /// (<c>signin-&lt;scheme&gt;</c>) and, after logging out, to its signed-out callback (<c>signout-callback-&lt;scheme&gt;</c>).
    /// A browser test sets it to the host's address once that is known.
    /// </summary>
    public Uri AppOrigin { get; set; } = new("https://localhost/");

    /// <summary>The one callback <paramref name="clientId"/> may be sent back to after logging in, or null for an unknown client.</summary>
    public string? RedirectUriOf(string? clientId) =>
        Clients.TryGetValue(clientId ?? "", out var scheme) ? new Uri(AppOrigin, "/signin-" + scheme).ToString() : null;

    private bool IsPostLogoutRedirect(string uri) =>
        Clients.Values.Any(scheme => uri == new Uri(AppOrigin, "/signout-callback-" + scheme).ToString());

    /// <summary>The end-session requests the provider has answered, in order: the subject of the id_token_hint and where it sent the browser back.</summary>
    public List<(string? Subject, string? PostLogoutRedirectUri)> EndedSessions { get; } = [];

    public void Add(string loginHint, TestPerson person) => _people[loginHint] = person;

    public static async Task<TestOpenIdProvider> StartAsync()
    {
        var provider = new TestOpenIdProvider();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddOpenIddict().AddServer(o =>
        {
            o.SetAuthorizationEndpointUris("/authorize").SetTokenEndpointUris("/token").SetEndSessionEndpointUris("/endsession");
            o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            o.RegisterScopes(Scopes.OpenId, Scopes.Profile);
            o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
            o.DisableAccessTokenEncryption();
            // No application store: the two checks a store would make are the handlers below.
            o.EnableDegradedMode();
            o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().EnableEndSessionEndpointPassthrough().DisableTransportSecurityRequirement();
            o.AddEventHandler<ValidateAuthorizationRequestContext>(h => h.UseInlineHandler(ctx =>
            {
                if (provider.RedirectUriOf(ctx.ClientId) is not { } redirect || ctx.RedirectUri != redirect)
                {
                    ctx.Reject(Errors.InvalidClient, "Unknown client or redirect_uri.");
                }
                return default;
            }));
            o.AddEventHandler<ValidateEndSessionRequestContext>(h => h.UseInlineHandler(ctx =>
            {
                if (ctx.PostLogoutRedirectUri is { } uri && !provider.IsPostLogoutRedirect(uri))
                {
                    ctx.Reject(Errors.InvalidRequest, "Unknown post_logout_redirect_uri.");
                }
                return default;
            }));
            o.AddEventHandler<ValidateTokenRequestContext>(h => h.UseInlineHandler(ctx =>
            {
                if (!Clients.ContainsKey(ctx.ClientId ?? "") || ctx.ClientSecret != Secret)
                {
                    ctx.Reject(Errors.InvalidClient, "Wrong client credentials.");
                }
                return default;
            }));
        });

        var app = builder.Build();
        provider._app = app;
        app.MapGet("/authorize", (HttpContext http) =>
        {
            var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
            if (request.LoginHint is null)
            {
                return LogInPage(http.Request.Query);
            }
            if (!provider._people.TryGetValue(request.LoginHint, out var person))
            {
                return Results.Forbid(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
            }
            var identity = new ClaimsIdentity(authenticationType: "TestID", nameType: Claims.Name, roleType: Claims.Role);
            // ID-porten's sub is pairwise per client; here a value derived from the person will do.
            identity.SetClaim(Claims.Subject, "sub-" + person.Pid);
            identity.SetClaim("pid", person.Pid);
            identity.SetClaim(Claims.AuthenticationContextReference, person.Acr);
            identity.SetClaim(Claims.AuthenticationMethodReference, "TestID");
            if (person.Email is { } email)
            {
                identity.SetClaim(Claims.Email, email);
                identity.SetClaim(Claims.EmailVerified, person.EmailVerified);
            }
            identity.SetScopes(request.GetScopes());
            identity.SetDestinations(_ => [Destinations.IdentityToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        // ID-porten's end_session_endpoint: ends the person's session and sends the browser back to the client.
        app.MapGet("/endsession", async (HttpContext http) =>
        {
            var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
            var hint = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
            provider.EndedSessions.Add((hint?.GetClaim(Claims.Subject), request.PostLogoutRedirectUri));
            return Results.SignOut(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        provider.Authority = new Uri(address.TrimEnd('/') + "/");
        return provider;
    }

    /// <summary>
    /// The provider's own log-in page, in the place of ID-porten's choice of eID: one field for the test person and a button. It
    /// sends the same authorization request again with the person as <c>login_hint</c>.
    /// </summary>
    private static IResult LogInPage(IQueryCollection query)
    {
        var hidden = string.Concat(query.Select(p =>
            $"<input type=\"hidden\" name=\"{WebUtility.HtmlEncode(p.Key)}\" value=\"{WebUtility.HtmlEncode(p.Value.ToString())}\">"));
        return Results.Content(
            "<!DOCTYPE html><html lang=\"nb\"><head><meta charset=\"utf-8\"><title>Testinnlogging</title></head><body><main>"
            + "<h1>Testinnlogging</h1><form method=\"get\" action=\"/authorize\">" + hidden
            + "<label for=\"person\">Testperson</label><input id=\"person\" name=\"login_hint\" autocomplete=\"off\">"
            + "<button type=\"submit\">Logg inn</button></form></main></body></html>",
            "text/html; charset=utf-8");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
