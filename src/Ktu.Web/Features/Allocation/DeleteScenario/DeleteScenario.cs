using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ktu.Web.Features.Allocation;

/// <summary>The case officer deletes a kept scenario. Audited.</summary>
internal static class DeleteScenario
{
    internal abstract record Outcome;
    internal sealed record Deleted : Outcome;

    public static void Map(RouteGroupBuilder year) =>
        year.MapDelete("/scenarios/{name}", EndpointAsync)
            .WithSummary("Slett et lagret scenario.")
            .ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Outcome> HandleAsync(AppDbContext db, CurrentUser me, TimeProvider time, int year, string name, int? version, CancellationToken ct)
    {
        RoundRules.RequireRole(me, Roles.CaseOfficer, AllocationTexts.Scenario_DeleteOnlyCaseOfficers);
        var view = await RoundView.LoadAsync(db, me.StaffEmbeteId, year, ct);
        var round = RoundRules.OpenDraft(db, view, version, time);
        var now = time.GetUtcNow();
        round.ChangeScenarios(round.ReadScenarios().Where(s => s.Name != name).ToList(), me.Actor, now);
        RoundRules.Audit(db, me, now, "allocation.scenario-deleted", round, new { name }, null);
        await db.SaveChangesAsync(ct);
        return new Deleted();
    }

    internal static async Task<Ok<RoundResponse>> EndpointAsync(AppDbContext db, CurrentUser me, TimeProvider time, int year, string name, int? version, CancellationToken ct)
    {
        await HandleAsync(db, me, time, year, name, version, ct);
        return await ViewAllocation.ReloadAsync(db, me, year, ct);
    }
}
