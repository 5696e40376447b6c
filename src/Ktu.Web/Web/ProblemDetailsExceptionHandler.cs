using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Ktu.Web.Web;

/// <summary>
/// The one place exceptions become answers (Jason Taylor's pattern). API requests get RFC 9457
/// ProblemDetails; pages fall through to the error page. No stack trace ever leaves the server.
/// </summary>
internal sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problems, ILogger<ProblemDetailsExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var isApi = IsApiRequest(httpContext);
        if (exception is BadHttpRequestException { InnerException: System.Text.Json.JsonException json } && isApi)
        {
            // Input shape: a JSON body that cannot be read answers 400 with the field it stumbled on.
            var (field, message) = UnreadableJson.Describe(json);
            httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = Texts.Problem_UnreadableJson,
                },
                Exception = exception,
            });
        }

        var (status, title) = exception switch
        {
            RuleViolationException e => (StatusCodes.Status409Conflict, e.Message),
            NotFoundException e => (StatusCodes.Status404NotFound, e.Message),
            ForbiddenException e => (StatusCodes.Status403Forbidden, e.Message),
            BadHttpRequestException e => (e.StatusCode, Texts.Problem_BadRequest),
            Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException => (StatusCodes.Status409Conflict, Texts.Problem_ConcurrentChange),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (499, Texts.Problem_Cancelled),
            _ => (StatusCodes.Status500InternalServerError, Texts.Problem_ServerError),
        };
        if (status >= 500)
        {
            log.LogError(exception, "Unhandled exception, trace {TraceId}", httpContext.TraceIdentifier);
        }

        if (!isApi && status >= 500)
        {
            return false; // pages: re-executed to /feil
        }

        httpContext.Response.StatusCode = status;
        var details = new ProblemDetails { Status = status, Title = title };
        if (exception is RuleViolationException rv)
        {
            details.Extensions["code"] = rv.Code;
            foreach (var (key, value) in rv.Details)
            {
                details.Extensions[key] = value;
            }
        }
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = details,
            Exception = exception,
        });
    }

    /// <summary>
    /// UseExceptionHandler("/feil") has already replaced Request.Path with "/feil" when handlers run;
    /// the path the client asked for is in the exception handler feature.
    /// </summary>
    internal static bool IsApiRequest(HttpContext httpContext)
    {
        var original = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path;
        var path = original is null ? httpContext.Request.Path : new PathString(original);
        return path.StartsWithSegments("/api");
    }
}
