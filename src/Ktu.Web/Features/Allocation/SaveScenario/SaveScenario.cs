using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Decisions;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Ktu.Web.Features.Allocation;

public sealed record ScenarioInput(int? Version, string? Name, AllocationSettingsRequest? Settings);

/// <summary>The case officer keeps a named set of settings to compare side by side with others (at most ten). Audited.</summary>
internal static class SaveScenario
{
    public const int MaxScenarios = 10;
    public const int MaxScenarioName = 80;

    internal abstract record Outcome;
    internal sealed record Saved : Outcome;
    internal sealed record Invalid(FieldErrors Errors) : Outcome;

    public static void Map(RouteGroupBuilder year) =>
        year.MapPost("/scenarios", EndpointAsync)
            .WithSummary("Lagre et navngitt scenario med egne innstillinger for å sammenligne det med andre.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Outcome> HandleAsync(AppDbContext db, CurrentUser me, TimeProvider time, int year, ScenarioInput input, CancellationToken ct)
    {
        RoundRules.RequireRole(me, Roles.CaseOfficer, AllocationTexts.Scenario_SaveOnlyCaseOfficers);
        var view = await RoundView.LoadAsync(db, me.StaffEmbeteId, year, ct);
        var errors = new FieldErrors();
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0 || name.Length > MaxScenarioName)
        {
            errors.Add("name", Format.Text(AllocationTexts.Scenario_NameLength, MaxScenarioName));
        }
        var readSettings = AllocationSettingsInput.Read(input.Settings ?? new AllocationSettingsRequest(), "settings");
        if (readSettings is AllocationSettingsInput.Invalid invalidSettings)
        {
            errors.AddAll(invalidSettings.Errors);
        }
        if (errors.Count > 0)
        {
            return new Invalid(errors);
        }
        var settings = ((AllocationSettingsInput.Readable)readSettings).Settings;
        var round = RoundRules.OpenDraft(db, view, input.Version, time);
        var scenarios = round.ReadScenarios().Where(s => !string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
        if (scenarios.Count >= MaxScenarios)
        {
            return new Invalid(FieldErrors.Of("name", Format.Text(AllocationTexts.Scenario_TooMany, MaxScenarios)));
        }
        scenarios.Add(new Scenario(name, StoredSettings.Write(settings)));
        var now = time.GetUtcNow();
        round.ChangeScenarios(scenarios, me.Actor, now);
        RoundRules.Audit(db, me, now, "allocation.scenario-saved", round, null, new { name, settings });
        await db.SaveChangesAsync(ct);
        return new Saved();
    }

    internal static async Task<Results<Ok<RoundResponse>, ValidationProblem>> EndpointAsync(
        AppDbContext db, CurrentUser me, TimeProvider time, int year, [FromBody] ScenarioInput? body, CancellationToken ct) =>
        await HandleAsync(db, me, time, year, body ?? new ScenarioInput(null, null, null), ct) switch
        {
            Invalid invalid => invalid.Errors.ToValidationProblem(),
            _ => await ViewAllocation.ReloadAsync(db, me, year, ct),
        };
}
