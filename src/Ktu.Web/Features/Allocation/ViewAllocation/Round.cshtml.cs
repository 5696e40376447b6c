using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Decisions;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ktu.Web.Features.Allocation;

/// <summary>
/// The embete's allocation for a year: the proposal beside the applied amounts, the officer's adjustments with
/// reasons, the remaining pot and earmarks (live while typing), scenarios side by side, and the four-eyes approval.
/// </summary>
[Authorize(Policy = Policies.EmbeteStaff)]
public sealed class RoundModel(AppDbContext db, CurrentUser me, TimeProvider time) : PageModel
{
    public sealed class AdjustInput
    {
        public string? Key { get; set; }
        public long? Amount { get; set; }
        public string? Reason { get; set; }
    }

    [BindProperty] public List<AdjustInput> Adjust { get; set; } = [];
    [BindProperty] public List<int> Weights { get; set; } = [];
    [BindProperty] public int? DistrictWeightPercent { get; set; }
    [BindProperty] public long? MinimumAmount { get; set; }
    [BindProperty] public long? RoundingUnit { get; set; }
    [BindProperty] public string? ScenarioName { get; set; }
    [BindProperty] public int? Version { get; set; }
    [BindProperty] public string? SendBackReason { get; set; }
    [FromQuery(Name = "ok")] public string? Done { get; set; }

    internal RoundView View { get; private set; } = null!;
    public int Year { get; private set; }
    public string? Message { get; private set; }
    public CurrentUser Me => me;
    public bool MayEdit => View.Status == RoundStatus.Draft && me.IsInRole(Roles.CaseOfficer);
    public bool MayApprove => View.Status == RoundStatus.AwaitingApproval && me.IsInRole(Roles.Approver);
    public bool MayStartNextRound => View.CanStartNextRound && me.IsInRole(Roles.CaseOfficer);

    public async Task OnGetAsync(int year, CancellationToken ct)
    {
        await LoadAsync(year, ct);
        Message = Done switch
        {
            "innstillinger" => AllocationTexts.Done_Settings,
            "scenario" => AllocationTexts.Done_Scenario,
            "slettet" => AllocationTexts.Done_ScenarioDeleted,
            "justert" => AllocationTexts.Done_Adjusted,
            "sendt" => AllocationTexts.Done_Submitted,
            "godkjent" => AllocationTexts.Done_Approved,
            "tilbake" => AllocationTexts.Done_SentBack,
            "ny-runde" => AllocationTexts.Done_NextRound,
            _ => null,
        };
        FillSettings(View.Settings);
    }

    /// <summary>A post without a known handler: show the allocation again.</summary>
    public async Task<IActionResult> OnPostAsync(int year, CancellationToken ct)
    {
        await LoadAsync(year, ct);
        return RedirectToPage(new { year });
    }

    public Task<IActionResult> OnPostSettingsAsync(int year, CancellationToken ct) =>
        TryAsync(year, "settings", "innstillinger",
            async () => Errors(await AdjustAllocation.HandleAsync(db, me, time, year, new RoundChangeInput(Version, SettingsInput(), null), ct)), ct);

    public Task<IActionResult> OnPostScenarioAsync(int year, CancellationToken ct) =>
        TryAsync(year, "name", "scenario",
            async () => await SaveScenario.HandleAsync(db, me, time, year, new ScenarioInput(Version, ScenarioName, SettingsInput()), ct) is SaveScenario.Invalid invalid ? invalid.Errors : new FieldErrors(), ct);

    public Task<IActionResult> OnPostApplyScenarioAsync(int year, string name, CancellationToken ct) =>
        TryAsync(year, "settings", "innstillinger", async () =>
        {
            var view = await RoundView.LoadAsync(db, me.StaffEmbeteId, year, ct);
            var scenario = view.Scenarios.FirstOrDefault(s => s.Name == name) ?? throw new NotFoundException(AllocationTexts.Scenario_NotFound);
            var s = scenario.Settings;
            var settings = new AllocationSettingsRequest
            {
                ScoreWeights = s.ScoreWeights.ToList(),
                DistrictWeightPercent = s.DistrictWeightPercent,
                MinimumAmount = s.MinimumAmount,
                RoundingUnit = s.RoundingUnit,
            };
            return Errors(await AdjustAllocation.HandleAsync(db, me, time, year, new RoundChangeInput(Version, settings, null), ct));
        }, ct);

    public Task<IActionResult> OnPostDeleteScenarioAsync(int year, string name, CancellationToken ct) =>
        TryAsync(year, "name", "slettet", async () =>
        {
            await DeleteScenario.HandleAsync(db, me, time, year, name, Version, ct);
            return new FieldErrors();
        }, ct);

    public Task<IActionResult> OnPostAdjustAsync(int year, CancellationToken ct) =>
        TryAsync(year, "adjustments", "justert", async () =>
        {
            var view = await RoundView.LoadAsync(db, me.StaffEmbeteId, year, ct);
            var proposed = view.Lines.ToDictionary(l => l.Key, l => l.AmountProposed, StringComparer.Ordinal);
            // A line is adjusted when its amount differs from the proposal; typing the proposal back removes the adjustment.
            var adjustments = Adjust
                .Where(a => a.Key is not null && (!proposed.TryGetValue(a.Key, out var p) || a.Amount != p))
                .Select(a => new AdjustmentInput(a.Key, a.Amount ?? -1, a.Reason))
                .ToList();
            var errors = Errors(await AdjustAllocation.HandleAsync(db, me, time, year, new RoundChangeInput(Version, null, adjustments), ct));
            // Point the messages at the right row of the table, not at the n-th adjustment.
            var remapped = new FieldErrors();
            foreach (var (key, messages) in errors)
            {
                var target = key;
                if (key.StartsWith("adjustments[", StringComparison.Ordinal) && int.TryParse(key[12..key.IndexOf(']', StringComparison.Ordinal)], out var n) && n < adjustments.Count)
                {
                    var row = Adjust.FindIndex(a => a.Key == adjustments[n].LineKey);
                    target = $"adjust_{row}__{(key.EndsWith("reason", StringComparison.Ordinal) ? "reason" : "amount")}";
                }
                foreach (var m in messages)
                {
                    remapped.Add(target, m);
                }
            }
            return remapped;
        }, ct);

    public Task<IActionResult> OnPostSubmitAsync(int year, CancellationToken ct) =>
        TryAsync(year, "status", "sendt", async () =>
        {
            await SubmitForApproval.HandleAsync(db, me, time, year, Version, ct);
            return new FieldErrors();
        }, ct);

    public Task<IActionResult> OnPostApproveAsync(int year, CancellationToken ct) =>
        TryAsync(year, "status", "godkjent", async () =>
        {
            await ApproveAllocation.HandleAsync(db, me, time, year, Version, ct);
            return new FieldErrors();
        }, ct);

    public Task<IActionResult> OnPostNextRoundAsync(int year, CancellationToken ct) =>
        TryAsync(year, "igjen", "ny-runde", async () =>
        {
            await StartNextRound.HandleAsync(db, me, time, year, Version, ct);
            return new FieldErrors();
        }, ct);

    public Task<IActionResult> OnPostSendBackAsync(int year, CancellationToken ct) =>
        TryAsync(year, "sendBackReason", "tilbake", async () =>
        {
            await SendBack.HandleAsync(db, me, time, year, new RoundVersionInput(Version, SendBackReason), ct);
            return new FieldErrors();
        }, ct);

    private static FieldErrors Errors(AdjustAllocation.Outcome outcome) =>
        outcome is AdjustAllocation.Invalid invalid ? invalid.Errors : new FieldErrors();

    private AllocationSettingsRequest SettingsInput() => new()
    {
        ScoreWeights = Weights.Count == 0 ? null : Weights,
        DistrictWeightPercent = DistrictWeightPercent,
        MinimumAmount = MinimumAmount,
        RoundingUnit = RoundingUnit,
    };

    private async Task<IActionResult> TryAsync(int year, string field, string done, Func<Task<FieldErrors>> action, CancellationToken ct)
    {
        // Model binding's entries are keyed by the posted names ("SendBackReason"), and ModelState keys are
        // case-insensitive: a later "sendBackReason" error would take that casing, and the error summary would
        // link to an id that is not on the page. The actions check every value themselves (an unreadable
        // amount arrives as null and is refused with a Norwegian message), so start clean.
        ModelState.Clear();
        if (await PageWrites.TryAsync(ModelState, field,
                AllocationTexts.Page_ConcurrentChange,
                action, key => key.Replace('.', '_').Replace('[', '_').Replace(']', '_')))
        {
            return RedirectToPage(new { year, ok = done });
        }
        db.ChangeTracker.Clear();
        await LoadAsync(year, ct);
        return Page();
    }

    private async Task LoadAsync(int year, CancellationToken ct)
    {
        Year = year;
        View = await RoundView.LoadAsync(db, me.StaffEmbeteId, year, ct);
        Version = View.Round?.Version;
        if (Weights.Count != 5)
        {
            FillSettings(View.Settings);
        }
    }

    private void FillSettings(AllocationSettings s)
    {
        Weights = s.ScoreWeights.ToList();
        DistrictWeightPercent = s.DistrictWeightPercent;
        MinimumAmount = s.MinimumAmount;
        RoundingUnit = s.RoundingUnit;
    }

    /// <summary>What the amount field of a row shows: what was just typed after an error, else the current final amount.</summary>
    internal (long? Amount, string? Reason) Shown(int index, RoundLine line) =>
        Adjust.Count > index && Adjust[index].Key == line.Key
            ? (Adjust[index].Amount, Adjust[index].Reason)
            : (line.AmountFinal, line.Adjustment?.Reason);

    public static string StatusName(RoundStatus status) => status switch
    {
        RoundStatus.Draft => AllocationTexts.Status_Draft,
        RoundStatus.AwaitingApproval => AllocationTexts.Status_AwaitingApproval,
        _ => AllocationTexts.Status_Approved,
    };
}
