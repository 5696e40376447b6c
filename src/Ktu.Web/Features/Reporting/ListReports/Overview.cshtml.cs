using Ktu.Web.Data;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Reporting;

/// <summary>The embete's report overview for one year (<see cref="ListReports"/>), filterable like the inbox.</summary>
[Authorize(Policy = Policies.EmbeteStaff)]
public sealed class OverviewModel(AppDbContext db, CurrentUser me, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? State { get; set; }
    [BindProperty(SupportsGet = true)] public string? Filter { get; set; }

    public ReportOverview Overview { get; private set; } = null!;
    public IReadOnlyList<ReportOverviewRow> Rows { get; private set; } = [];
    public IReadOnlyList<int> Years { get; private set; } = [];

    public static IReadOnlyList<(string Key, string Name)> Filters { get; } =
    [
        ("late", ReportingTexts.Overview_Late),
        ("evidence-missing", ReportingTexts.Overview_EvidenceMissing),
        ("owes-money", ReportingTexts.Overview_OwesMoney),
        ("transfer", ReportingTexts.Overview_Transfer),
    ];

    /// <param name="year">Null: the latest year in which the embete has made grants.</param>
    public async Task<IActionResult> OnGetAsync(int? year, CancellationToken ct)
    {
        if (year is null)
        {
            var embeteId = me.StaffEmbeteId;
            var latest = await db.GrantDecisions.AsNoTracking().Where(d => d.EmbeteId == embeteId).MaxAsync(d => (int?)d.SchemeYear, ct)
                ?? await db.SchemeYears.AsNoTracking().MaxAsync(s => (int?)s.Year, ct);
            if (latest is null)
            {
                return NotFound();
            }
            year = latest;
        }
        var overview = await ListReports.LoadAsync(db, me, year.Value, time.GetUtcNow(), ct);
        if (overview is null)
        {
            return NotFound();
        }
        Overview = overview;
        Years = await db.SchemeYears.AsNoTracking().OrderByDescending(s => s.Year).Select(s => s.Year).ToListAsync(ct);
        State = ListReports.States.Contains(State) ? State : null;
        Filter = ListReports.Filters.Contains(Filter) ? Filter : null;
        Rows = ListReports.Filter(overview.Reports, State, Filter);
        return Page();
    }
}
