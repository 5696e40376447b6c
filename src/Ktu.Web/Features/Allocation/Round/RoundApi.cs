using Ktu.Web.Data;
using Ktu.Web.Domain.Decisions;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Ktu.Web.Features.Allocation;

public sealed record RoundLineDto(
    string Key, Guid ApplicationId, string Reference, string Applicant, bool District, string LineId, string Part, string Label,
    long AmountApplied, int Score, long AmountAssessed, long AmountProposed, string Outcome, string ProposalReason,
    long? AdjustedAmount, string? AdjustmentReason, long AmountFinal, string FinalReason);

public sealed record EarmarkStateDto(string Theme, string ThemeName, long Amount, long Used, long Left);

public sealed record ScenarioDto(string Name, AllocationSettingsDto Settings, long Total, long Unallocated, int InFull, int Reduced, int NotFunded);

public sealed record NotReadyDto(Guid ApplicationId, string Reference, string Applicant, string Status);

public sealed record RoundResponse(
    int Year, string EmbeteId, string Status, int Version, long Pot, long GeneralAmount, long TotalApplied, long TotalProposed, long TotalFinal,
    long Remaining, long GeneralLeft, AllocationSettingsDto Settings, IReadOnlyList<EarmarkStateDto> Earmarks, IReadOnlyList<RoundLineDto> Lines,
    IReadOnlyList<NotReadyDto> NotReady, IReadOnlyList<ScenarioDto> Scenarios, IReadOnlyList<string> Blockers,
    string? SubmittedBy, DateTimeOffset? SubmittedAt, string? ApprovedBy, DateTimeOffset? ApprovedAt, string? SentBackReason);

public sealed record ApprovalResponse(int Decisions, RoundResponse Round);

/// <summary>The embete's allocation over JSON: the live proposal, adjustments, scenarios and the four-eyes approval.</summary>
public static class RoundApi
{
    public static void MapRoundApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/allocations/{year:int}")
            .WithTags("Tildeling")
            .RequireAuthorization(Policies.EmbeteStaff)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/", GetAsync)
            .WithSummary("Embetets fordeling for året: forslag per linje ved siden av søkt og vurdert beløp, justeringer, gjenstående ramme og øremerkede midler, scenarioer og hva som hindrer innsending.");
        group.MapPut("/", ChangeAsync)
            .WithSummary("Endre innstillingene og/eller justeringene (beløp med begrunnelse per linje). Send versjonen du hentet; 409 hvis noen har endret i mellomtiden.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/scenarios", SaveScenarioAsync)
            .WithSummary("Lagre et navngitt scenario med egne innstillinger for å sammenligne det med andre.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/scenarios/{name}", DeleteScenarioAsync)
            .WithSummary("Slett et lagret scenario.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/submit", SubmitAsync)
            .WithSummary("Send fordelingen til godkjenning. Krever at alle søknader er vurdert og at rammen og øremerkingene holder.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/approve", ApproveAsync)
            .WithSummary("Godkjenn fordelingen (leder, aldri den som sendte den). Fastsetter ett vedtak per søker som ikke kan endres.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/send-back", SendBackAsync)
            .WithSummary("Send fordelingen tilbake til saksbehandleren med en begrunnelse.")
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    internal static async Task<Ok<RoundResponse>> GetAsync(AppDbContext db, CurrentUser me, int year, CancellationToken ct) =>
        TypedResults.Ok(ToResponse(await RoundView.LoadAsync(db, me.StaffEmbeteId, year, ct)));

    internal static async Task<Results<Ok<RoundResponse>, ValidationProblem>> ChangeAsync(
        AppDbContext db, CurrentUser me, TimeProvider time, int year, [FromBody] RoundChangeInput? body, CancellationToken ct)
    {
        var errors = await RoundActions.ChangeAsync(db, me, time, year, body ?? new RoundChangeInput(null, null, null), ct);
        return errors.Count > 0 ? errors.ToValidationProblem() : await ReloadAsync(db, me, year, ct);
    }

    internal static async Task<Results<Ok<RoundResponse>, ValidationProblem>> SaveScenarioAsync(
        AppDbContext db, CurrentUser me, TimeProvider time, int year, [FromBody] ScenarioInput? body, CancellationToken ct)
    {
        var errors = await RoundActions.SaveScenarioAsync(db, me, time, year, body ?? new ScenarioInput(null, null, null), ct);
        return errors.Count > 0 ? errors.ToValidationProblem() : await ReloadAsync(db, me, year, ct);
    }

    internal static async Task<Ok<RoundResponse>> DeleteScenarioAsync(AppDbContext db, CurrentUser me, TimeProvider time, int year, string name, int? version, CancellationToken ct)
    {
        await RoundActions.DeleteScenarioAsync(db, me, time, year, name, version, ct);
        return await ReloadAsync(db, me, year, ct);
    }

    internal static async Task<Ok<RoundResponse>> SubmitAsync(AppDbContext db, CurrentUser me, TimeProvider time, int year, [FromBody] RoundVersionInput? body, CancellationToken ct)
    {
        await RoundActions.SubmitAsync(db, me, time, year, body?.Version, ct);
        return await ReloadAsync(db, me, year, ct);
    }

    internal static async Task<Ok<ApprovalResponse>> ApproveAsync(AppDbContext db, CurrentUser me, TimeProvider time, int year, [FromBody] RoundVersionInput? body, CancellationToken ct)
    {
        var made = await RoundActions.ApproveAsync(db, me, time, year, body?.Version, ct);
        db.ChangeTracker.Clear();
        return TypedResults.Ok(new ApprovalResponse(made, ToResponse(await RoundView.LoadAsync(db, me.StaffEmbeteId, year, ct))));
    }

    internal static async Task<Ok<RoundResponse>> SendBackAsync(AppDbContext db, CurrentUser me, TimeProvider time, int year, [FromBody] RoundVersionInput? body, CancellationToken ct)
    {
        await RoundActions.SendBackAsync(db, me, time, year, body ?? new RoundVersionInput(null, null), ct);
        return await ReloadAsync(db, me, year, ct);
    }

    private static async Task<Ok<RoundResponse>> ReloadAsync(AppDbContext db, CurrentUser me, int year, CancellationToken ct)
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
            l.ProposalReason, l.Adjustment?.Amount, l.Adjustment?.Reason, l.AmountFinal, l.FinalReason)).ToList(),
        v.NotReady.Select(n => new NotReadyDto(n.ApplicationId, n.Reference, n.Applicant, n.StatusName)).ToList(),
        v.Scenarios.Select(s => new ScenarioDto(s.Name, ToDto(s.Settings), s.Total, s.Unallocated, s.InFull, s.Reduced, s.NotFunded)).ToList(),
        v.Blockers(),
        v.Round?.SubmittedByName, v.Round?.SubmittedAt, v.Round?.ApprovedByName, v.Round?.ApprovedAt,
        v.Status == RoundStatus.Draft ? v.Round?.SentBackReason : null);
}
