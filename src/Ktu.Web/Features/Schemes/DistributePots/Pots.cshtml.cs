using System.Text.RegularExpressions;
using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Schemes;

/// <summary>The directorate's form for the national amount and the ten embeter's pots (<see cref="DistributePots"/>), with a proposal by population to start from.</summary>
[Authorize(Policy = Policies.Directorate)]
public sealed partial class PotsModel(AppDbContext db, CurrentUser me, TimeProvider time) : PageModel
{
    public sealed class PotRow
    {
        public string Embete { get; set; } = "";
        public long? Amount { get; set; }
        public long? Transferred { get; set; }
        /// <summary>One amount per earmarked theme, in the order of <see cref="EarmarkedThemes"/>.</summary>
        public List<long?> Earmarks { get; set; } = [];
        public bool DemoFigure { get; set; }
    }

    [BindProperty] public int Version { get; set; }
    [BindProperty] public long? NationalAmount { get; set; }
    [BindProperty] public List<PotRow> Pots { get; set; } = [];

    public SchemeYear Scheme { get; private set; } = null!;
    public List<SchemeTheme> EarmarkedThemes { get; private set; } = [];
    public Dictionary<string, string> EmbeteNames { get; private set; } = [];
    public string? Message { get; private set; }

    public long Distributed => Pots.Sum(p => p.Amount ?? 0);

    public async Task<IActionResult> OnGetAsync(int year)
    {
        if (!await LoadAsync(year))
        {
            return NotFound();
        }
        Version = Scheme.Version;
        NationalAmount = Scheme.NationalAmount;
        Pots = EmbeteNames.Keys.Select(id => Scheme.Pots.FirstOrDefault(p => p.EmbeteId == id) is { } p
            ? new PotRow
            {
                Embete = id,
                Amount = p.Amount,
                Transferred = p.TransferredAmount,
                DemoFigure = p.IsDemoFigure,
                Earmarks = EarmarkedThemes.Select(t => (long?)(p.Earmarks.FirstOrDefault(e => e.ThemeCode == t.Code)?.Amount ?? 0)).ToList(),
            }
            : new PotRow { Embete = id, Earmarks = EarmarkedThemes.Select(_ => (long?)null).ToList() }).ToList();
        return Page();
    }

    /// <summary>Fills in the amounts by population from the national amount typed; nothing is saved.</summary>
    public async Task<IActionResult> OnPostProposeAsync(int year, CancellationToken ct)
    {
        if (!await LoadAsync(year))
        {
            return NotFound();
        }
        if (NationalAmount is not { } national || national < 0)
        {
            ModelState.AddModelError(nameof(NationalAmount), Format.Text(SchemeTexts.Pots_Amount, Format.Nok(Domain.Decisions.AllocationSettings.MaxAmount)));
            return Page();
        }
        var proposal = await PotProposal.ProposalAsync(db, national, ct);
        foreach (var row in Pots)
        {
            row.Amount = proposal.FirstOrDefault(p => p.Embete == row.Embete)?.Amount ?? 0;
            row.DemoFigure = false;
        }
        ModelState.Clear();
        Message = SchemeTexts.Pots_Proposed;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int year, CancellationToken ct)
    {
        if (!await LoadAsync(year))
        {
            return NotFound();
        }
        var sent = Pots.Where(p => (p.Amount ?? 0) != 0 || (p.Transferred ?? 0) != 0 || p.Earmarks.Any(e => (e ?? 0) != 0)).ToList();
        var input = new PotsInput
        {
            Version = Version,
            NationalAmount = NationalAmount ?? -1,
            Pots = sent.Select(p => new PotInput(p.Embete, p.Amount ?? 0, p.Transferred ?? 0,
                EarmarkedThemes.Select((t, i) => new EarmarkInput(t.Code, i < p.Earmarks.Count ? p.Earmarks[i] ?? 0 : 0)).ToList(), p.DemoFigure)).ToList(),
        };
        var saved = await PageWrites.TryAsync(ModelState, "", SchemeTexts.Change_Stale, async () =>
            await DistributePots.HandleAsync(db, me, time, year, input, ct) switch
            {
                DistributePots.Invalid i => i.Errors,
                _ => new FieldErrors(),
            },
            path => FieldKey(path, sent));
        if (!saved)
        {
            return Page();
        }
        TempData.Message(SchemeTexts.Pots_Saved);
        return RedirectToPage("/Schemes/ViewSchemeYears/Details", new { year });
    }

    private async Task<bool> LoadAsync(int year)
    {
        var scheme = await db.SchemeYears.WithRules().AsNoTracking().SingleOrDefaultAsync(s => s.Year == year);
        if (scheme is null)
        {
            return false;
        }
        Scheme = scheme;
        EarmarkedThemes = scheme.Themes.Where(t => t.Earmarked).OrderBy(t => t.SortOrder).ToList();
        var names = await db.Embeter.AsNoTracking().Select(e => new { e.Id, e.NameBokmal }).ToListAsync();
        EmbeteNames = names.OrderBy(e => e.NameBokmal, StringComparer.Create(new System.Globalization.CultureInfo("nb-NO"), false))
            .ToDictionary(e => e.Id, e => e.NameBokmal, StringComparer.Ordinal);
        return true;
    }

    [GeneratedRegex(@"^pots\[(\d+)\]\.(amount|transferred|earmarks)(?:\[(\d+)\]\.\w+)?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex PotPath();

    /// <summary>The ModelState key of an input field path, so the error summary links to the field on this page.</summary>
    private string FieldKey(string path, List<PotRow> sent)
    {
        if (PotPath().Match(path) is not { Success: true } m)
        {
            return path == "nationalAmount" ? nameof(NationalAmount) : "";
        }
        var row = Pots.IndexOf(sent[int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)]);
        return m.Groups[2].Value switch
        {
            "amount" => $"Pots[{row}].Amount",
            "transferred" => $"Pots[{row}].Transferred",
            _ => $"Pots[{row}].Earmarks[{(m.Groups[3].Success ? m.Groups[3].Value : "0")}]",
        };
    }
}
