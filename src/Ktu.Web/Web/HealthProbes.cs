using Ktu.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Web;

/// <summary>
/// Probes for a load balancer, an orchestrator or Docker's HEALTHCHECK, anonymous and outside the API description.
/// <c>/health/live</c>: the process answers (restart it if not). <c>/health/ready</c>: it can serve, meaning the database
/// answers and has every migration this version needs (send it traffic if so); 503 with the reason otherwise.
/// </summary>
public static class HealthProbes
{
    public static void MapHealthProbes(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health/live", (HttpContext http) =>
            {
                http.Response.Headers.CacheControl = "no-store";
                return TypedResults.Ok(new { status = "live" });
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
        app.MapGet("/health/ready", ReadyAsync)
            .AllowAnonymous()
            .ExcludeFromDescription();
    }

    private static async Task<IResult> ReadyAsync(HttpContext http, AppDbContext db, CancellationToken ct)
    {
        http.Response.Headers.CacheControl = "no-store";
        int pending;
        try
        {
            if (!await db.Database.CanConnectAsync(ct))
            {
                return NotReady(new { status = "not-ready", database = "unreachable" });
            }
            pending = (await db.Database.GetPendingMigrationsAsync(ct)).Count();
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            return NotReady(new { status = "not-ready", database = "unreachable" });
        }
        return pending > 0
            ? NotReady(new { status = "not-ready", database = "reachable", pendingMigrations = pending })
            : TypedResults.Ok(new { status = "ready", database = "reachable", pendingMigrations = 0 });
    }

    private static Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<object> NotReady(object body) => TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
}
