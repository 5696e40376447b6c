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

    // ID-porten's levels, lowest first; Ansattporten uses the same eIDs (docs.digdir.no, "id_token from ID-porten": the
    // client MUST check that acr is high enough for the service).
    private const string DefaultAcceptedAcr = "idporten-loa-substantial,idporten-loa-high";

    public static AuthenticationBuilder AddExternalLogins(this AuthenticationBuilder auth, IConfiguration configuration)
    {
        if (configuration["Authentication:OpenIdConnect:Authority"] is { Length: > 0 })
        {
            // The one handler of earlier versions signed nobody in; say so rather than ignore the setting.
            throw new InvalidOperationException("Authentication__OpenIdConnect__* is replaced by Authentication__IdPorten__* (applicants) "
                + "and Authentication__Ansattporten__* (staff), each with Authority, ClientId and ClientSecret; see docs/operations.md.");
        }
        var providers = new List<ExternalProvider>();
        Add(auth, configuration.GetSection("Authentication:IdPorten"), IdPorten, "ID-porten", ExternalLogInIsForItsOwnKindOfUser.Kind.Applicants, providers);
        Add(auth, configuration.GetSection("Authentication:Ansattporten"), Ansattporten, "Ansattporten", ExternalLogInIsForItsOwnKindOfUser.Kind.Staff, providers);
        var key = providers.Count == 0 ? [] : IdentityNumberHash.KeyFrom(configuration);
        auth.Services.AddSingleton(new ExternalLoginProviders(providers));
        auth.Services.AddSingleton(new IdentityNumberHash(key));
        return auth;
    }

    private static void Add(AuthenticationBuilder auth, IConfigurationSection section, string scheme, string displayName,
        ExternalLogInIsForItsOwnKindOfUser.Kind users, List<ExternalProvider> providers)
    {
        if (section["Authority"] is not { Length: > 0 } authority
            || section["ClientId"] is not { Length: > 0 } clientId
            || section["ClientSecret"] is not { Length: > 0 } clientSecret)
        {
            return;
        }
        var accepted = (section["AcceptedAcr"] is { Length: > 0 } acr ? acr : DefaultAcceptedAcr)
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
            o.SaveTokens = false;
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
