using System.ComponentModel.DataAnnotations;
using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Schemes;

/// <summary>The directorate makes next year's rules by copying a year, then adjusts what changed.</summary>
[Authorize(Policy = Policies.Directorate)]
public sealed class CopyModel(AppDbContext db, CurrentUser me, TimeProvider time) : PageModel
{
    [BindProperty, Required(ErrorMessageResourceType = typeof(CopyMessages), ErrorMessageResourceName = nameof(CopyMessages.Copy_SourceRequired))]
    public int? SourceYear { get; set; }

    [BindProperty, Required(ErrorMessageResourceType = typeof(CopyMessages), ErrorMessageResourceName = nameof(CopyMessages.Copy_YearRequired))]
    [Range(2000, 2100, ErrorMessageResourceType = typeof(CopyMessages), ErrorMessageResourceName = nameof(CopyMessages.Copy_YearRange))]
    public int? Year { get; set; }

    [BindProperty, Required(ErrorMessageResourceType = typeof(CopyMessages), ErrorMessageResourceName = nameof(CopyMessages.Copy_DeadlineRequired))]
    public DateOnly? Deadline { get; set; }

    [BindProperty, Required(ErrorMessageResourceType = typeof(CopyMessages), ErrorMessageResourceName = nameof(CopyMessages.Copy_ReportDeadlineRequired))]
    public DateOnly? ReportDeadline { get; set; }

    [BindProperty, MaxLength(200, ErrorMessageResourceType = typeof(CopyMessages), ErrorMessageResourceName = nameof(CopyMessages.Copy_NameTooLong))]
    public string? Name { get; set; }

    public List<int> Years { get; private set; } = [];

    public async Task OnGetAsync()
    {
        await LoadAsync();
        SourceYear ??= Years.FirstOrDefault();
        Year ??= SourceYear + 1;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        if (Year is { } y && Years.Contains(y))
        {
            ModelState.AddModelError(nameof(Year), Format.Text(SchemeTexts.Copy_YearExists, y));
        }
        if (Deadline is { } d && ReportDeadline is { } r && r <= d)
        {
            ModelState.AddModelError(nameof(ReportDeadline), SchemeTexts.Copy_ReportAfterDeadline);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var source = await db.SchemeYears.WithRules().AsNoTracking().SingleOrDefaultAsync(s => s.Year == SourceYear);
        if (source is null)
        {
            ModelState.AddModelError(nameof(SourceYear), SchemeTexts.Copy_SourceMissing);
            return Page();
        }
        var copy = CopySchemeYear.From(source, Year!.Value, NorwayTime.EndOfDay(Deadline!.Value), ReportDeadline!.Value,
            string.IsNullOrWhiteSpace(Name) ? null : Name.Trim());
        db.SchemeYears.Add(copy);
        AuditTrail.Record(db, me, time.GetUtcNow(), "scheme.copied", "scheme-year", copy.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            after: new { From = source.Year, copy.Year, Deadline = copy.ApplicationDeadline, copy.ReportDeadline, copy.Name });
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            ModelState.AddModelError(nameof(Year), Format.Text(SchemeTexts.Copy_YearExists, Year));
            return Page();
        }
        TempData.Message(Texts.Copy_Done);
        return RedirectToPage("/Schemes/ViewSchemeYears/Details", new { year = copy.Year });
    }

    private async Task LoadAsync() =>
        Years = await db.SchemeYears.OrderByDescending(s => s.Year).Select(s => s.Year).ToListAsync();
}
