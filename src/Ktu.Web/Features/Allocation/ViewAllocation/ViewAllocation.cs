using Ktu.Web.Data;
using Ktu.Web.Domain.Decisions;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ktu.Web.Features.Allocation;

/// <summary>
/// The embete's allocation for a year over JSON: the live proposal per line beside the applied and assessed amounts,
/// adjustments, the remaining pot and earmarks, scenarios and what stops it from being sent. The changes answer with it.
/// </summary>
internal static class ViewAllocation
{
    public static void Map(RouteGroupBuilder year) =>
        year.MapGet("/", GetAsync)
            .WithSummary("Embetets fordeling for året: forslag per linje ved siden av søkt og vurdert beløp, justeringer, gjenstående ramme og øremerkede midler, scenarioer og hva som hindrer innsending.");

    internal static async Task<Ok<RoundResponse>> GetAsync(AppDbContext db, CurrentUser me, int year, CancellationToken ct) =>
        TypedResults.Ok(ToResponse(await RoundView.LoadAsync(db, me.StaffEmbeteId, year, ct)));

    /// <summary>The allocation as stored now, after a change: nothing of the change's own tracking is shown.</summary>
    internal static async Task<Ok<RoundResponse>> ReloadAsync(AppDbContext db, CurrentUser me, int year, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        return TypedResults.Ok(ToResponse(await RoundView.LoadAsync(db, me.StaffEmbeteId, year, ct)));
    }

    internal static AllocationSettingsDto ToDto(AllocationSettings s) => new(s.ScoreWeights, s.DistrictWeightPercent, s.MinimumAmount, s.RoundingUnit);

    internal static RoundResponse ToResponse(RoundView v) => new(
        v.Year, v.EmbeteId, v.Status.ToString(), v.Round?.Version ?? 0, v.PotAmount, v.GeneralAmount, v.TotalApplied, v.TotalProposed, v.TotalFinal,
        v.Remaining, v.GeneralLeft, ToDto(v.Settings),
        v.Earmarks.Select(e => new EarmarkStateDto(e.Theme, e.ThemeName, e.Amount, e.Used, e.Left)).ToList(),
        v.Lines.Select(l => new RoundLineDto(l.Key, l.ApplicationId, l.Reference, l.Applicant, l.District, l.Line.Id, l.Line.Part.ToString(), l.Line.Label,
            l.Line.AmountApplied, l.Score, l.AmountAssessed, l.AmountProposed, System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(l.Outcome.ToString()),
            l.ProposalReason, l.Adjustment?.Amount, l.Adjustment?.Reason, l.AmountFinal, l.FinalReason,
            l.AssessedBy?.DisplayName, l.AssessedAt, l.Adjustment?.ByName, l.Adjustment?.At)).ToList(),
        v.NotReady.Select(n => new NotReadyDto(n.ApplicationId, n.Reference, n.Applicant, n.StatusName)).ToList(),
        v.Scenarios.Select(s => new ScenarioDto(s.Name, ToDto(s.Settings), s.Total, s.Unallocated, s.InFull, s.Reduced, s.NotFunded)).ToList(),
        v.Blockers(),
        v.Round?.SubmittedByName, v.Round?.SubmittedAt, v.Round?.ApprovedByName, v.Round?.ApprovedAt,
        v.Status == RoundStatus.Draft ? v.Round?.SentBackReason : null,
        v.Number,
        new PotLeftDto(v.AfterDecisions.Pot, v.AfterDecisions.Granted, v.AfterDecisions.Left,
            v.AfterDecisions.Earmarks.Select(e => new EarmarkStateDto(e.Theme, e.ThemeName, e.Amount, e.Used, e.Left)).ToList()),
        v.CanStartNextRound);
}
