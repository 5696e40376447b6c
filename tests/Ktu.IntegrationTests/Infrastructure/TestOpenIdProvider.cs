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

namespace Ktu.IntegrationTests.Infrastructure;

/// <summary>A person as an OpenID Connect provider knows them: the claims it puts in the id_token.</summary>
public sealed record TestPerson(string Pid, string? Email = null, bool EmailVerified = true, string Acr = "idporten-loa-substantial");

/// <summary>
/// A local OpenID Connect provider in the shape of ID-porten/Ansattporten (OpenIddict's server on Kestrel on a free loopback
/// port; no database, "degraded mode"): authorization code flow with PKCE, id_tokens signed with a key made at start, the
/// clients and their secrets below. No external network is needed. The person who "logs in" is named by the <c>login_hint</c>
/// the test adds to the authorization request, as if they had typed it into the provider's own page.
/// </summary>
public sealed class TestOpenIdProvider : IAsyncDisposable
{
    public const string Secret = "test-secret-not-for-production";

    private readonly WebApplication _app;
    private readonly Dictionary<string, TestPerson> _people = [];

    private TestOpenIdProvider(WebApplication app) => _app = app;

    /// <summary>Where the provider answers, e.g. http://127.0.0.1:40123/ (the authority the app is configured with).</summary>
    public Uri Authority { get; private set; } = null!;

    /// <summary>The client ids KTU is registered with, each allowed back only to its own callback.</summary>
    public static readonly IReadOnlyDictionary<string, string> Clients = new Dictionary<string, string>
    {
        ["ktu-idporten"] = "https://localhost/signin-idporten",
        ["ktu-ansattporten"] = "https://localhost/signin-ansattporten",
    };

    /// <summary>Where each client may be sent back after logging out (post_logout_redirect_uri).</summary>
    public static readonly IReadOnlyDictionary<string, string> PostLogoutRedirects = new Dictionary<string, string>
    {
        ["ktu-idporten"] = "https://localhost/signout-callback-idporten",
        ["ktu-ansattporten"] = "https://localhost/signout-callback-ansattporten",
    };

    /// <summary>The end-session requests the provider has answered, in order: the subject of the id_token_hint and where it sent the browser back.</summary>
    public List<(string? Subject, string? PostLogoutRedirectUri)> EndedSessions { get; } = [];

    public void Add(string loginHint, TestPerson person) => _people[loginHint] = person;

    public static async Task<TestOpenIdProvider> StartAsync()
    {
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
                if (!Clients.TryGetValue(ctx.ClientId ?? "", out var redirect) || ctx.RedirectUri != redirect)
                {
                    ctx.Reject(Errors.InvalidClient, "Unknown client or redirect_uri.");
                }
                return default;
            }));
            o.AddEventHandler<ValidateEndSessionRequestContext>(h => h.UseInlineHandler(ctx =>
            {
                if (ctx.PostLogoutRedirectUri is { } uri && !PostLogoutRedirects.Values.Contains(uri))
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
        var provider = new TestOpenIdProvider(app);
        app.MapGet("/authorize", (HttpContext http) =>
        {
            var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
            if (request.LoginHint is not { } hint || !provider._people.TryGetValue(hint, out var person))
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

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
