using System.ComponentModel.DataAnnotations;
using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Schemes;

/// <summary>Admin makes next year's rules by copying a year, then adjusts what changed.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class CopyModel(AppDbContext db, CurrentUser me, TimeProvider time) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Velg året du vil kopiere fra.")]
    [Display(Name = "Kopier fra")]
    public int? SourceYear { get; set; }

    [BindProperty, Required(ErrorMessage = "Skriv inn det nye året.")]
    [Range(2000, 2100, ErrorMessage = "Året må være mellom 2000 og 2100.")]
    [Display(Name = "Nytt år")]
    public int? Year { get; set; }

    [BindProperty, Required(ErrorMessage = "Velg søknadsfrist.")]
    [Display(Name = "Søknadsfrist (dato)")]
    public DateOnly? Deadline { get; set; }

    [BindProperty, Required(ErrorMessage = "Velg rapporteringsfrist.")]
    [Display(Name = "Rapporteringsfrist (dato)")]
    public DateOnly? ReportDeadline { get; set; }

    [BindProperty, MaxLength(200, ErrorMessage = "Navnet kan ha høyst 200 tegn.")]
    [Display(Name = "Navn på ordningen (tomt: samme som året du kopierer fra)")]
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
            ModelState.AddModelError(nameof(Year), $"Ordningsåret {y} finnes allerede.");
        }
        if (Deadline is { } d && ReportDeadline is { } r && r <= d)
        {
            ModelState.AddModelError(nameof(ReportDeadline), "Rapporteringsfristen må komme etter søknadsfristen.");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var source = await db.SchemeYears.WithRules().AsNoTracking().SingleOrDefaultAsync(s => s.Year == SourceYear);
        if (source is null)
        {
            ModelState.AddModelError(nameof(SourceYear), "Året du vil kopiere fra, finnes ikke.");
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
            ModelState.AddModelError(nameof(Year), $"Ordningsåret {Year} finnes allerede.");
            return Page();
        }
        TempData["Message"] = Texts.Copy_Done;
        return Redirect($"/ordningsar/{copy.Year}");
    }

    private async Task LoadAsync() =>
        Years = await db.SchemeYears.OrderByDescending(s => s.Year).Select(s => s.Year).ToListAsync();
}
