using Ktu.Web.Data;
using Ktu.Web.Domain.Letters;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.GrantLetters;

/// <summary>
/// The embete's own parts of the letter template for one year (greeting, contact, closing), beside the national
/// texts it cannot change (GrantLetterTemplateRules.CheckEdit). Letters made later use the saved texts, and every
/// letter stores the template it was made from.
/// </summary>
[Authorize(Policy = Policies.EmbeteStaff)]
public sealed class TemplateModel(AppDbContext db, CurrentUser me, TimeProvider time) : PageModel
{
    internal GrantLetterTemplate Template { get; private set; } = null!;
    public int Year { get; private set; }

    [BindProperty]
    public string? Greeting { get; set; }

    [BindProperty]
    public string? Contact { get; set; }

    [BindProperty]
    public string? Closing { get; set; }

    [BindProperty]
    public int StoredVersion { get; set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(int year, CancellationToken ct)
    {
        if (!await LoadAsync(year, ct))
        {
            return NotFound();
        }
        Greeting = Template.Embete.Greeting;
        Contact = Template.Embete.Contact;
        Closing = Template.Embete.Closing;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int year, CancellationToken ct)
    {
        if (!await LoadAsync(year, ct))
        {
            return NotFound();
        }
        var context = await LetterContext.LoadAsync(db, me.StaffEmbeteId, year, ct);
        var texts = new GrantLetterEmbeteTexts { Greeting = Greeting?.Trim() ?? "", Contact = Contact?.Trim() ?? "", Closing = Closing?.Trim() ?? "" };
        var issues = GrantLetterTemplateRules.CheckEdit(context.Template, context.Template with { Embete = texts });
        foreach (var issue in issues.Where(i => i.Severity == Domain.Applications.IssueSeverity.Error))
        {
            ModelState.AddModelError(issue.Field switch
            {
                "embete.greeting" => nameof(Greeting),
                "embete.contact" => nameof(Contact),
                "embete.closing" => nameof(Closing),
                _ => "",
            }, issue.Message);
        }
        if ((context.Stored?.Version ?? 0) != StoredVersion)
        {
            ModelState.AddModelError("", $"{context.Stored?.UpdatedByName ?? "Noen"} har endret tekstene etter at du åpnet siden. Endringen din er ikke lagret. Last inn siden på nytt.");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var stored = await db.LetterTemplates.SingleOrDefaultAsync(t => t.EmbeteId == context.Embete.Id && t.SchemeYear == year, ct);
        if (stored is null)
        {
            stored = LetterTemplate.Start(context.Embete.Id, year);
            db.LetterTemplates.Add(stored);
        }
        var before = context.Template.Embete;
        var now = time.GetUtcNow();
        stored.Change(GrantLetterTemplateJson.SerializeEmbete(texts), me.Actor, now);
        AuditTrail.Record(db, me, now, "letter-template.changed", "letter-template", stored.Id.ToString(), null, context.Embete.Id, before, texts);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            ModelState.AddModelError("", "Noen andre lagret tekstene samtidig. Endringen din er ikke lagret. Last inn siden på nytt.");
            return Page();
        }
        Message = "Tekstene er lagret. Brev som lages fra nå, bruker dem.";
        return RedirectToPage(new { year });
    }

    private async Task<bool> LoadAsync(int year, CancellationToken ct)
    {
        if (!await db.SchemeYears.AnyAsync(s => s.Year == year, ct))
        {
            return false;
        }
        var context = await LetterContext.LoadAsync(db, me.StaffEmbeteId, year, ct);
        Template = context.Template;
        Year = year;
        StoredVersion = context.Stored?.Version ?? 0;
        return true;
    }
}
