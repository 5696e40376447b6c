using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Administration;

[Authorize(Policy = Policies.Admin)]
public sealed class RegisterOrganisationModel(AppDbContext db, CurrentUser me, TimeProvider time) : PageModel
{
    [BindProperty]
    public OrganisationInput Input { get; set; } = new();

    public IReadOnlyList<Embete> Embeter { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Embeter = await db.Embeter.AsNoTracking().OrderBy(e => e.NameBokmal).ToListAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Organisation? registered = null;
        var saved = await PageWrites.TryAsync(ModelState, "orgNumber", AdministrationTexts.Organisation_Stale, async () =>
        {
            switch (await RegisterOrganisation.HandleAsync(db, me, time, Input, ct))
            {
                case RegisterOrganisation.Registered r:
                    registered = r.Organisation;
                    return new FieldErrors();
                case RegisterOrganisation.Invalid i:
                    return i.Errors;
                default:
                    throw new InvalidOperationException();
            }
        });
        if (saved)
        {
            TempData["Saved"] = AdministrationTexts.Organisation_Registered;
            return RedirectToPage("/Administration/EditOrganisation/Edit", new { id = registered!.Id });
        }
        await OnGetAsync(ct);
        return Page();
    }
}
