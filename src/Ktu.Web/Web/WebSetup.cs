using System.Globalization;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Ktu.Web.Web;

public static class WebSetup
{
    /// <summary>Largest request body accepted anywhere (uploads get their own, stricter limits).</summary>
    public const long MaxRequestBodyBytes = 10 * 1024 * 1024;

    /// <summary>
    /// Cookies are Secure-only unless Security:AllowHttp is set, which ./run.sh does for the demo on
    /// http://localhost. Production runs on https (behind a proxy: set Security:BehindProxy).
    /// </summary>
    public static CookieSecurePolicy CookieSecurity(IConfiguration configuration) =>
        configuration.GetValue("Security:AllowHttp", false) ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;

    public static IServiceCollection AddWeb(this IServiceCollection services, IConfiguration configuration)
    {
        // Razor Pages validate the antiforgery token on every POST by default. No extra global filter:
        // it would come last and override [IgnoreAntiforgeryToken] on the error and status pages, so a
        // failed POST re-executed to /status/400 failed again and the browser got an empty 400.
        services.AddRazorPages(o => o.RootDirectory = "/Features");
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "ktu.af";
            o.Cookie.SecurePolicy = CookieSecurity(configuration);
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.HeaderName = "X-CSRF-TOKEN";
        });
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            // The W3C trace (as in OpenTelemetry) and the request's correlation id (Web/CorrelationId), which is
            // also in the X-Correlation-Id header and the log lines.
            ctx.ProblemDetails.Extensions["traceId"] = System.Diagnostics.Activity.Current?.TraceId.ToHexString() ?? ctx.HttpContext.TraceIdentifier;
            ctx.ProblemDetails.Extensions["correlationId"] = ctx.HttpContext.TraceIdentifier;
        });
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        // A body that cannot be bound becomes an exception, so the one handler can answer with the field and a Norwegian message.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<KestrelServerOptions>(o =>
        {
            o.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            o.AddServerHeader = false;
        });
        services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o =>
        {
            o.MultipartBodyLengthLimit = MaxRequestBodyBytes;
            o.ValueCountLimit = 2000;
        });
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.MaxDepth = 32;
            // ASP.NET Core writes JSON with the relaxed encoder; escape <, >, & and quotes as well, so text
            // typed as HTML can never run if a client pastes a response into a page. Letters like æøå stay readable.
            o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
        });
        services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>((o, configuration) =>
        {
            // Only honoured when Security:BehindProxy is true, and then only from the proxies named in
            // Security:TrustedProxies (addresses or networks such as 10.0.0.0/8, comma-separated; loopback when none
            // is named), so a client cannot spoof its address (and dodge the per-address log-in limit) or scheme.
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            var trusted = (configuration["Security:TrustedProxies"] ?? "")
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (trusted.Length == 0)
            {
                return; // ASP.NET Core's default: the loopback network and ::1 only
            }
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
            foreach (var entry in trusted)
            {
                if (entry.Contains('/', StringComparison.Ordinal))
                {
                    o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(entry));
                }
                else
                {
                    o.KnownProxies.Add(System.Net.IPAddress.Parse(entry));
                }
            }
        });
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });
        return services;
    }

    public static WebApplication UseWebPipeline(this WebApplication app)
    {
        app.UseMiddleware<CorrelationId>();
        var nb = new CultureInfo("nb-NO");
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(nb),
            SupportedCultures = [nb],
            SupportedUICultures = [nb],
        });
        if (app.Configuration.GetValue("Security:BehindProxy", false))
        {
            app.UseForwardedHeaders();
        }
        app.UseExceptionHandler("/feil");
        app.UseWhen(ctx => !ctx.Request.Path.StartsWithSegments("/api"),
            branch => branch.UseStatusCodePagesWithReExecute("/status/{0}"));
        app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/api"),
            branch => branch.UseStatusCodePages());
        if (!app.Environment.IsDevelopment() && !app.Configuration.GetValue("Security:AllowHttp", false))
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        app.UseMiddleware<SecurityHeaders>();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseMiddleware<SessionsEndAtOnce>();
        app.UseMiddleware<ApiClientTokensEndAtOnce>();
        // After authentication, so the limits on downloads and submits are per person rather than per address.
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }

    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", () => TypedResults.Ok(new { status = "ok" }))
            .AllowAnonymous()
            .ExcludeFromDescription();
        app.MapHealthProbes();
    }
}
