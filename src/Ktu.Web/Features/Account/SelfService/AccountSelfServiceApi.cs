using Ktu.Web.Data;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ktu.Web.Features.Account;

public sealed record ChangePasswordRequest
{
    public string? CurrentPassword { get; init; }
    public string? NewPassword { get; init; }
}

/// <summary>The signed-in user's own account: password, log-in history and other sessions (issue 19).</summary>
internal static class AccountSelfServiceApi
{
    public static void MapAccountSelfServiceApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/account").WithTags("Innlogging");

        group.MapPost("/password", ChangePasswordAsync)
            .RequireRateLimiting(Policies.LoginRateLimit)
            .WithSummary("Bytt ditt eget passord: alle andre innlogginger og tilgangstokener, også dette, slutter å virke.")
            .ProducesValidationProblem();

        group.MapGet("/logins", LoginsAsync)
            .WithSummary("Dine egne siste innlogginger og mislykkede forsøk, nyeste først (inntil 50).");

        group.MapPost("/sessions/end", EndSessionsAsync)
            .WithSummary("Avslutt alle dine innlogginger og tilgangstokener, også dette.");
    }

    internal static async Task<Results<NoContent, ValidationProblem>> ChangePasswordAsync(
        ChangePasswordRequest request, AppDbContext db, KtuUserManager users, CurrentUser me, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var errors = await ChangeOwnPassword.HandleAsync(db, users, me, time, http, request.CurrentPassword, request.NewPassword, ct);
        return errors.Count > 0 ? errors.ToValidationProblem() : TypedResults.NoContent();
    }

    internal static async Task<Ok<IReadOnlyList<OwnLogin>>> LoginsAsync(AppDbContext db, CurrentUser me, CancellationToken ct) =>
        TypedResults.Ok(await OwnLoginHistory.ReadAsync(db, me, ct));

    internal static async Task<NoContent> EndSessionsAsync(AppDbContext db, KtuUserManager users, CurrentUser me, TimeProvider time, CancellationToken ct)
    {
        await EndOtherSessions.HandleAsync(db, users, me, time, ct);
        return TypedResults.NoContent();
    }
}
