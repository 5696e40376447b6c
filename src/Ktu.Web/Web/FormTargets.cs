using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace Ktu.Web.Web;

/// <summary>
/// Where a page's forms may lead (the policy's <c>form-action</c>): KTU itself, and the external log-in providers that are
/// turned on. The log-in button and the log-out button post to KTU, which answers with a redirect to the provider's
/// authorization or end-session endpoint; browsers hold that redirect to <c>form-action</c> too, so with <c>'self'</c> alone
/// neither log-in nor log-out through ID-porten or Ansattporten would leave the page. The endpoints come from the
/// providers' discovery documents (ID-porten's authorization endpoint is on another host than its issuer).
/// </summary>
internal sealed class FormTargets(ExternalLoginProviders providers, IOptionsMonitor<OpenIdConnectOptions> options, ILogger<FormTargets> log)
{
    private const string Self = "'self'";
    private static readonly TimeSpan KeptAfterSuccess = TimeSpan.FromHours(1);
    private static readonly TimeSpan KeptAfterFailure = TimeSpan.FromMinutes(1);
    /// <summary>A page never waits longer than this for a provider's discovery document.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(3);

    private sealed record Known(string Value, DateTimeOffset Until);

    private volatile Known? _known;

    public async Task<string> FormActionAsync()
    {
        if (providers.All.Count == 0)
        {
            return Self;
        }
        if (_known is { } known && known.Until > DateTimeOffset.UtcNow)
        {
            return known.Value;
        }
        var origins = new SortedSet<string>(StringComparer.Ordinal);
        var complete = true;
        foreach (var provider in providers.All)
        {
            var o = options.Get(provider.Scheme);
            Add(origins, o.Authority);
            try
            {
                using var patience = new CancellationTokenSource(Patience);
                var configuration = await o.ConfigurationManager!.GetConfigurationAsync(patience.Token);
                Add(origins, configuration.AuthorizationEndpoint);
                Add(origins, configuration.EndSessionEndpoint);
            }
#pragma warning disable CA1031 // A provider that does not answer must not take KTU's pages down; the issuer's own origin is kept.
            catch (Exception e)
#pragma warning restore CA1031
            {
                complete = false;
                log.LogWarning(e, "The discovery document of {Provider} could not be read; forms may lead only to its authority for now.", provider.Scheme);
            }
        }
        var value = string.Join(' ', origins.Prepend(Self));
        _known = new Known(value, DateTimeOffset.UtcNow + (complete ? KeptAfterSuccess : KeptAfterFailure));
        return value;
    }

    private static void Add(SortedSet<string> origins, string? address)
    {
        if (Uri.TryCreate(address, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            origins.Add(uri.GetLeftPart(UriPartial.Authority));
        }
    }
}
