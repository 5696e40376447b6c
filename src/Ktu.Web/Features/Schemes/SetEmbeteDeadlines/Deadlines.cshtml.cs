using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Schemes;

/// <summary>A leader's form for the embete's own deadlines of a year (<see cref="SetEmbeteDeadlines"/>); an empty field means the year's deadline.</summary>
[Authorize(Policy = Policies.Approver)]
public sealed class DeadlinesModel(AppDbContext db, CurrentUser me, TimeProvider time) : PageModel
{
    [BindProperty] public DateOnly? ApplicationDeadline { get; set; }
    [BindProperty] public DateOnly? ReportDeadline { get; set; }
    [BindProperty] public DateOnly? ReportOpensOn { get; set; }

    public SchemeYear Scheme { get; private set; } = null!;
    public string EmbeteName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int year)
    {
        if (!await LoadAsync(year))
        {
            return NotFound();
        }
        var pot = Scheme.Pots.FirstOrDefault(p => p.EmbeteId == me.StaffEmbeteId);
        ApplicationDeadline = pot?.ApplicationDeadline is { } d ? NorwayTime.DateOf(d) : null;
        ReportDeadline = pot?.ReportDeadline;
        ReportOpensOn = pot?.ReportOpensOn;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int year, CancellationToken ct)
    {
        if (!await LoadAsync(year))
        {
            return NotFound();
        }
        var saved = await PageWrites.TryAsync(ModelState, "", SchemeTexts.Change_Stale, async () =>
            await SetEmbeteDeadlines.HandleAsync(db, me, time, year, me.StaffEmbeteId, new SetEmbeteDeadlines.Input(ApplicationDeadline, ReportDeadline, ReportOpensOn), ct) switch
            {
                SetEmbeteDeadlines.Invalid i => i.Errors,
                _ => new FieldErrors(),
            },
            path => path switch
            {
                "applicationDeadline" => nameof(ApplicationDeadline),
                "reportOpensOn" => nameof(ReportOpensOn),
                _ => nameof(ReportDeadline),
            });
        if (!saved)
        {
            return Page();
        }
        TempData.Message(SchemeTexts.Deadlines_Saved);
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
        EmbeteName = await db.Embeter.Where(e => e.Id == me.StaffEmbeteId).Select(e => e.NameBokmal).SingleAsync();
        return true;
    }
}
