using System.Security.Cryptography;
using System.Text;
using Ktu.Web.Domain.Rules;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Ktu.Web.Web;

/// <summary>A configured external log-in: its scheme (also the path of its callback), its name on the button and whom it may sign in.</summary>
public sealed record ExternalProvider(string Scheme, string DisplayName, ExternalLogInIsForItsOwnKindOfUser.Kind Users, IReadOnlyList<string> AcceptedAcr);

/// <summary>
/// ID-porten (applicants in the municipalities) and Ansattporten (staff: the embeter, the directorate, administrators) by
/// OpenID Connect: authorization code flow with PKCE, state and nonce checked by the handler, the level of assurance (acr)
/// checked against the accepted ones. Each is on only when its authority, client id and secret are set
/// (<c>Authentication:IdPorten:*</c>, <c>Authentication:Ansattporten:*</c>); the person is then matched to an existing
/// user by a keyed hash of the national identity number (<see cref="IdentityNumberHash"/>) or a verified e-mail.
/// </summary>
public static class ExternalLogins
{
    public const string IdPorten = "idporten";
    public const string Ansattporten = "ansattporten";

    /// <summary>The item of the session's properties that names the provider the person logged in through.</summary>
    public const string LoginProviderItem = ".ktu.login_provider";

    /// <summary>The item of the sign-out properties that carries the id_token to send as <c>id_token_hint</c>.</summary>
    public const string IdTokenHintItem = ".ktu.id_token_hint";

    // The levels of assurance, lowest first (docs.digdir.no, "id_token from ID-porten": the client MUST check that acr is
    // high enough for the service). ID-porten names them idporten-loa-substantial and idporten-loa-high; Ansattporten's
    // acr_values are "substantial" (MinID and the eIDs at high) and "high" (BankID, Buypass, Commfides), besides "entraid"
    // (Microsoft Entra ID, no national identity number, so not accepted by default) (docs.digdir.no, "Ansattporten protokoll").
    private const string DefaultAcceptedAcrIdPorten = "idporten-loa-substantial,idporten-loa-high";
    private const string DefaultAcceptedAcrAnsattporten = "substantial,high";

    public static AuthenticationBuilder AddExternalLogins(this AuthenticationBuilder auth, IConfiguration configuration)
    {
        if (configuration["Authentication:OpenIdConnect:Authority"] is { Length: > 0 })
        {
            // The one handler of earlier versions signed nobody in; say so rather than ignore the setting.
            throw new InvalidOperationException("Authentication__OpenIdConnect__* is replaced by Authentication__IdPorten__* (applicants) "
                + "and Authentication__Ansattporten__* (staff), each with Authority, ClientId and ClientSecret; see docs/operations.md.");
        }
        var providers = new List<ExternalProvider>();
        Add(auth, configuration.GetSection("Authentication:IdPorten"), IdPorten, "ID-porten", ExternalLogInIsForItsOwnKindOfUser.Kind.Applicants,
            DefaultAcceptedAcrIdPorten, providers);
        Add(auth, configuration.GetSection("Authentication:Ansattporten"), Ansattporten, "Ansattporten", ExternalLogInIsForItsOwnKindOfUser.Kind.Staff,
            DefaultAcceptedAcrAnsattporten, providers);
        var key = providers.Count == 0 ? [] : IdentityNumberHash.KeyFrom(configuration);
        auth.Services.AddSingleton(new ExternalLoginProviders(providers));
        auth.Services.AddSingleton<FormTargets>();
        auth.Services.AddSingleton(new IdentityNumberHash(key));
        return auth;
    }

    private static void Add(AuthenticationBuilder auth, IConfigurationSection section, string scheme, string displayName,
        ExternalLogInIsForItsOwnKindOfUser.Kind users, string defaultAcceptedAcr, List<ExternalProvider> providers)
    {
        if (section["Authority"] is not { Length: > 0 } authority
            || section["ClientId"] is not { Length: > 0 } clientId
            || section["ClientSecret"] is not { Length: > 0 } clientSecret)
        {
            return;
        }
        var accepted = (section["AcceptedAcr"] is { Length: > 0 } acr ? acr : defaultAcceptedAcr)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        providers.Add(new ExternalProvider(scheme, displayName, users, accepted));
        auth.AddOpenIdConnect(scheme, displayName, o =>
        {
            o.Authority = authority;
            o.ClientId = clientId;
            o.ClientSecret = clientSecret;
            o.CallbackPath = "/signin-" + scheme;
            o.ResponseType = OpenIdConnectResponseType.Code;
            // The code comes back in the query, so the correlation and nonce cookies can stay SameSite=Lax-friendly and no
            // page has to post itself; PKCE binds the code to this browser's request.
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            o.UsePkce = true;
            o.Scope.Clear();
            o.Scope.Add("openid");
            o.Scope.Add("profile");
            // The id_token is kept (in the session cookie, see ExternalLogin) only to name the session when logging out there.
            o.SaveTokens = true;
            o.SignedOutCallbackPath = "/signout-callback-" + scheme;
            o.GetClaimsFromUserInfoEndpoint = false;
            o.MapInboundClaims = false;
            // The handler drops acr by default; the callback needs it to check the level of assurance.
            o.ClaimActions.Remove("acr");
            o.RequireHttpsMetadata = section.GetValue("RequireHttpsMetadata", true);
            o.SignInScheme = IdentityConstants.ExternalScheme;
            o.Events.OnRedirectToIdentityProvider = ctx =>
            {
                // The lowest accepted level: the person may choose it or a higher one.
                ctx.ProtocolMessage.AcrValues = accepted[0];
                ctx.ProtocolMessage.UiLocales = "nb";
                return Task.CompletedTask;
            };
            // RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0, as ID-porten's end_session_endpoint): the id_token
            // of this session as id_token_hint, and back to KTU's log-in page through the signed-out callback
            // (post_logout_redirect_uri https://<host>/signout-callback-<scheme>, registered with the provider).
            o.Events.OnRedirectToIdentityProviderForSignOut = ctx =>
            {
                if (ctx.Properties.Items.Remove(IdTokenHintItem, out var hint) && hint is { Length: > 0 })
                {
                    ctx.ProtocolMessage.IdTokenHint = hint;
                }
                ctx.ProtocolMessage.UiLocales = "nb";
                return Task.CompletedTask;
            };
            // Wrong state, a cancelled log-in, an expired correlation cookie: back to a page that says so, never a 500.
            o.Events.OnRemoteFailure = ctx =>
            {
                ctx.Response.Redirect($"/logg-inn/ekstern/{scheme}?feil=1");
                ctx.HandleResponse();
                return Task.CompletedTask;
            };
        });
    }
}

/// <summary>The external log-ins this instance has turned on, in the order of the buttons.</summary>
public sealed class ExternalLoginProviders(IReadOnlyList<ExternalProvider> providers)
{
    public IReadOnlyList<ExternalProvider> All => providers;

    public ExternalProvider? Find(string? scheme) =>
        providers.FirstOrDefault(p => string.Equals(p.Scheme, scheme, StringComparison.Ordinal));
}

/// <summary>
/// The national identity number (the <c>pid</c> claim) is never stored: only an HMAC-SHA256 of it under a key of this
/// installation (<c>Authentication:IdentityNumberKey</c>, base64, at least 32 bytes), kept as the provider key of the user's
/// external log-in. Without the key a copied database cannot be searched for a known number.
/// </summary>
public sealed class IdentityNumberHash(byte[] key)
{
    private const int MinKeyBytes = 32;

    public string Of(string identityNumber) =>
        Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(identityNumber.Trim())));

    internal static byte[] KeyFrom(IConfiguration configuration)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(configuration["Authentication:IdentityNumberKey"] ?? "");
        }
        catch (FormatException)
        {
            key = [];
        }
        return key.Length >= MinKeyBytes
            ? key
            : throw new InvalidOperationException("ID-porten or Ansattporten is configured, but Authentication__IdentityNumberKey is not "
                + $"a base64 key of at least {MinKeyBytes} bytes (e.g. from 'openssl rand -base64 32', the same on every instance and kept "
                + "for good: a new key unlinks every person's national identity number).");
    }
}
