using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Ktu.Web.Web;

/// <summary>An illegal state change: submit twice, edit after the deadline, approve your own assessment.</summary>
public sealed class RuleViolationException(string message, string code = "rule-violation") : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>The thing does not exist, or the caller may not know that it exists.</summary>
public sealed class NotFoundException(string message = "Fant ikke det du ba om.") : Exception(message);

public sealed class ForbiddenException(string message = "Du har ikke tilgang til dette.") : Exception(message);

/// <summary>
/// The one place exceptions become answers (Jason Taylor's pattern). API requests get RFC 9457
/// ProblemDetails; pages fall through to the error page. No stack trace ever leaves the server.
/// </summary>
internal sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problems, ILogger<ProblemDetailsExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var isApi = IsApi(httpContext);
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
                    Title = "Noe av det som ble sendt, kunne ikke leses. Ingenting er lagret fra denne forespørselen.",
                },
                Exception = exception,
            });
        }

        var (status, title) = exception switch
        {
            RuleViolationException e => (StatusCodes.Status409Conflict, e.Message),
            NotFoundException e => (StatusCodes.Status404NotFound, e.Message),
            ForbiddenException e => (StatusCodes.Status403Forbidden, e.Message),
            BadHttpRequestException e => (e.StatusCode, "Forespørselen kunne ikke leses. Kontroller innholdet og prøv igjen."),
            Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException => (StatusCodes.Status409Conflict, "Noen andre har endret dette samtidig. Last inn på nytt; det du skrev er ikke lagret."),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (499, "Forespørselen ble avbrutt."),
            _ => (StatusCodes.Status500InternalServerError, "Det oppstod en feil hos oss. Ingenting er lagret fra denne forespørselen. Prøv igjen, og oppgi feilkoden hvis det skjer igjen."),
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
        }
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = details,
            Exception = exception,
        });
    }

    // The middleware has already pointed Request.Path at the error page ("/feil") when handlers run;
    // the path the caller asked for is kept in the feature.
    private static bool IsApi(HttpContext httpContext)
    {
        var original = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path.Value;
        return new PathString(original).StartsWithSegments("/api");
    }
}
