using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Ktu.Web.Web;

/// <summary>
/// One id per request that ties together the answer, its log lines and the ProblemDetails body: the caller's
/// <c>X-Correlation-Id</c> when it sends a sensible one (so a request can be followed across systems), else the
/// W3C trace id of the request (so it matches the trace in OpenTelemetry). It becomes the request's
/// <see cref="HttpContext.TraceIdentifier"/>, is echoed in the response header, and is a scope on the log lines written while
/// the request is handled (the host's own request-start and -finish lines carry the W3C trace id).
/// </summary>
internal sealed partial class CorrelationId(RequestDelegate next, ILogger<CorrelationId> log)
{
    public const string Header = "X-Correlation-Id";

    public async Task InvokeAsync(HttpContext context)
    {
        var id = FromCaller(context.Request.Headers[Header].ToString())
            ?? Activity.Current?.TraceId.ToHexString()
            ?? context.TraceIdentifier;
        context.TraceIdentifier = id;
        // OnStarting, not the header now: the exception handler clears the headers before it writes a 500.
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[Header] = id;
            return Task.CompletedTask;
        });
        using (log.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = id }))
        {
            await next(context);
        }
    }

    /// <summary>Letters, digits and <c>-_.:</c>, at most 64: anything else could forge log lines or headers, so a new id is made.</summary>
    private static string? FromCaller(string value) => Safe().IsMatch(value) ? value : null;

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,64}$")]
    private static partial Regex Safe();
}
