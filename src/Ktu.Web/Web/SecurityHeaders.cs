namespace Ktu.Web.Web;

/// <summary>
/// Security headers on every response (OWASP ASVS 14.4): a content security policy without inline
/// script, no framing, no MIME sniffing, no referrer leaks. The API reference page loads its own
/// bundled script and styles and gets a slightly wider policy. Forms may also lead to the external log-in providers
/// that are turned on (<see cref="FormTargets"/>).
/// </summary>
internal sealed class SecurityHeaders(RequestDelegate next)
{
    private const string Strict =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'; form-action ";

    private const string ApiReference =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";

    public Task InvokeAsync(HttpContext context, FormTargets formTargets)
    {
        context.Response.OnStarting(async () =>
        {
            var h = context.Response.Headers;
            h.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/scalar")
                ? ApiReference
                : Strict + await formTargets.FormActionAsync();
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "DENY";
            h["Referrer-Policy"] = "strict-origin-when-cross-origin";
            h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            h["Cross-Origin-Opener-Policy"] = "same-origin";
            h["Cross-Origin-Resource-Policy"] = "same-origin";
            if (context.User.Identity?.IsAuthenticated == true || context.Request.Path.StartsWithSegments("/api"))
            {
                // Pages with personal or financial data must not stay in shared caches.
                h.CacheControl = "no-store";
            }
        });
        return next(context);
    }
}
