using Ktu.Web.Data;
using Ktu.Web.Documents;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.GrantLetters;

/// <summary>The embete's letter template for one year: its own texts to edit (<see cref="ChangeTemplate"/>), the national texts to read.</summary>
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
        var outcome = await ChangeTemplate.HandleAsync(db, me, time, new ChangeTemplate.Input(year, StoredVersion, Greeting, Contact, Closing), ct);
        if (outcome is ChangeTemplate.Invalid invalid)
        {
            foreach (var (field, messages) in invalid.Errors)
            {
                foreach (var message in messages)
                {
                    ModelState.AddModelError(FieldName(field), message);
                }
            }
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        Message = LetterTexts.TemplateSaved;
        return RedirectToPage(new { year });
    }

    private static string FieldName(string field) => field switch
    {
        "greeting" => nameof(Greeting),
        "contact" => nameof(Contact),
        "closing" => nameof(Closing),
        _ => "",
    };

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
