using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Allocation;

/// <summary>
/// The case officer sends the allocation to the embete's leaders for approval, once every application is assessed and
/// the pot and earmarks hold. The leaders are told by e-mail. Audited.
/// </summary>
internal static class SubmitForApproval
{
    internal abstract record Outcome;
    internal sealed record Submitted : Outcome;

    public static void Map(RouteGroupBuilder year) =>
        year.MapPost("/submit", EndpointAsync)
            .WithSummary("Send fordelingen til godkjenning. Krever at alle søknader er vurdert og at rammen og øremerkingene holder.")
            .ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Outcome> HandleAsync(AppDbContext db, CurrentUser me, TimeProvider time, int year, int? version, CancellationToken ct)
    {
        RoundRules.RequireRole(me, Roles.CaseOfficer, AllocationTexts.Submit_OnlyCaseOfficers);
        var view = await RoundView.LoadAsync(db, me.StaffEmbeteId, year, ct);
        var round = RoundRules.OpenDraft(db, view, version, time);
        if (view.Blockers() is { Count: > 0 } blockers)
        {
            throw new RuleViolationException(AllocationTexts.Submit_NotReady + string.Join(" ", blockers), "round-not-ready");
        }
        var now = time.GetUtcNow();
        var actor = me.Actor;
        round.SubmitForApproval(actor, view.TotalFinal, now);
        RoundRules.Audit(db, me, now, "allocation.submitted", round, null, new { total = view.TotalFinal, pot = view.PotAmount, lines = view.Lines.Count });
        foreach (var approver in await ApproversAsync(db, view.EmbeteId, ct))
        {
            db.OutboxMessages.Add(OutboxMessage.Email(approver, Format.Text(AllocationTexts.Submit_EmailSubject, view.EmbeteName, year),
                Format.Text(AllocationTexts.Submit_EmailBody, actor.Name ?? actor.Email, year, Format.Nok(view.TotalFinal), Format.Nok(view.PotAmount)), now));
        }
        await db.SaveChangesAsync(ct);
        return new Submitted();
    }

    internal static async Task<Ok<RoundResponse>> EndpointAsync(AppDbContext db, CurrentUser me, TimeProvider time, int year, [FromBody] RoundVersionInput? body, CancellationToken ct)
    {
        await HandleAsync(db, me, time, year, body?.Version, ct);
        return await ViewAllocation.ReloadAsync(db, me, year, ct);
    }

    private static async Task<List<string>> ApproversAsync(AppDbContext db, string embeteId, CancellationToken ct)
    {
        var role = await db.Roles.Where(r => r.Name == Roles.Approver).Select(r => r.Id).SingleOrDefaultAsync(ct);
        return await db.Users
            .Where(u => u.EmbeteId == embeteId && u.Email != null && db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == role))
            .Select(u => u.Email!).ToListAsync(ct);
    }
}
