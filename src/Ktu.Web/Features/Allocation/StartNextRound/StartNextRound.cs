using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Decisions;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Allocation;

/// <summary>
/// The case officer starts a further round over the money left after the approved allocation (money not allocated, an
/// earmark not used, a transfer approved later). The new round is a draft over what the earlier decisions did not
/// grant; it is adjusted, sent and approved exactly like the first, and its decisions add to the earlier ones, which
/// never change. Audited.
/// </summary>
internal static class StartNextRound
{
    internal abstract record Outcome;
    internal sealed record Started(int Number) : Outcome;

    public static void Map(RouteGroupBuilder year) =>
        year.MapPost("/next-round", EndpointAsync)
            .WithSummary("Start en ny runde for midler som er igjen i rammen etter godkjent fordeling. Vedtakene som er fattet, endres ikke.")
            .ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Outcome> HandleAsync(AppDbContext db, CurrentUser me, TimeProvider time, int year, int? version, CancellationToken ct)
    {
        RoundRules.RequireRole(me, Roles.CaseOfficer, AllocationTexts.NextRound_OnlyCaseOfficers);
        var view = await RoundView.LoadAsync(db, me.StaffEmbeteId, year, ct);
        if (view.Round is not { Status: RoundStatus.Approved } approved)
        {
            throw new RuleViolationException(AllocationTexts.NextRound_NotApproved, "round-not-approved");
        }
        if (version is { } v && v != approved.Version)
        {
            throw new RuleViolationException(AllocationTexts.Round_ChangedSinceOpened, "edit-conflict");
        }
        var left = view.AfterDecisions;
        if (left.Left <= 0)
        {
            throw new RuleViolationException(AllocationTexts.NextRound_NothingLeft, "nothing-left");
        }
        var now = time.GetUtcNow();
        var next = approved.StartNext(me.Actor, now);
        db.AllocationRounds.Add(next);
        RoundRules.Audit(db, me, now, "allocation.round-started", next, null, new
        {
            round = next.Number,
            after = approved.Id,
            pot = left.Pot,
            granted = left.Granted,
            left = left.Left,
            earmarks = left.Earmarks.Select(e => new { e.Theme, e.Left }).ToList(),
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
        {
            // The unique round number: another officer started the same round in the same instant.
            throw new RuleViolationException(AllocationTexts.NextRound_AlreadyStarted, "round-started");
        }
        return new Started(next.Number);
    }

    internal static async Task<Ok<RoundResponse>> EndpointAsync(AppDbContext db, CurrentUser me, TimeProvider time, int year, [FromBody] RoundVersionInput? body, CancellationToken ct)
    {
        await HandleAsync(db, me, time, year, body?.Version, ct);
        return await ViewAllocation.ReloadAsync(db, me, year, ct);
    }
}
