using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Decisions;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Ktu.Web.Features.Allocation;

/// <summary>A leader sends the allocation back to the case officer with a reason; it can then be changed again. Audited.</summary>
internal static class SendBack
{
    internal abstract record Outcome;
    internal sealed record SentBack : Outcome;

    public static void Map(RouteGroupBuilder year) =>
        year.MapPost("/send-back", EndpointAsync)
            .WithSummary("Send fordelingen tilbake til saksbehandleren med en begrunnelse.")
            .ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Outcome> HandleAsync(AppDbContext db, CurrentUser me, TimeProvider time, int year, RoundVersionInput input, CancellationToken ct)
    {
        RoundRules.RequireRole(me, Roles.Approver, AllocationTexts.SendBack_OnlyLeaders);
        var reason = input.Reason?.Trim() ?? "";
        if (reason.Length == 0 || reason.Length > AllocationRound.MaxReasonLength)
        {
            throw new RuleViolationException(Format.Text(AllocationTexts.SendBack_ReasonRequired, AllocationRound.MaxReasonLength), "reason-required");
        }
        var round = await RoundRules.AwaitingApprovalAsync(db, me, year, input.Version, ct);
        var now = time.GetUtcNow();
        round.SendBack(me.Actor, reason, now);
        RoundRules.Audit(db, me, now, "allocation.sent-back", round, null, new { reason });
        await db.SaveChangesAsync(ct);
        return new SentBack();
    }

    internal static async Task<Ok<RoundResponse>> EndpointAsync(AppDbContext db, CurrentUser me, TimeProvider time, int year, [FromBody] RoundVersionInput? body, CancellationToken ct)
    {
        await HandleAsync(db, me, time, year, body ?? new RoundVersionInput(null, null), ct);
        return await ViewAllocation.ReloadAsync(db, me, year, ct);
    }
}
