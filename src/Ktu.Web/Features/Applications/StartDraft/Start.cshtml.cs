using Ktu.Web.Data;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Applications;

/// <summary>Start or resume the organisation's one application for a year. Starting is a POST; a started one is simply opened.</summary>
[Authorize(Policy = Policies.Applicant)]
public sealed class StartModel(AppDbContext db, CurrentUser me, TimeProvider time) : PageModel
{
    [FromRoute]
    public int Year { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var orgId = me.OrganisationId ?? -1;
        var existing = await db.Applications.AsNoTracking()
            .Where(a => a.OrganisationId == orgId && a.SchemeYear == Year).Select(a => new { a.Id, a.Status }).SingleOrDefaultAsync(ct);
        if (existing is null)
        {
            return Page();
        }
        // A sent application opens on its summary (receipt, withdraw); a draft on its first part.
        var step = existing.Status == Domain.Applications.ApplicationStatus.Submitted ? ApplicationStep.Summary : ApplicationStep.Applicant;
        return RedirectToPage(ApplicationSteps.PageOf(step), new { id = existing.Id });
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var outcome = await StartDraft.HandleAsync(db, me, time, Year, ct);
            return RedirectToPage(ApplicationSteps.PageOf(ApplicationStep.Applicant), new { id = outcome.Application.Id });
        }
        catch (Exception e) when (e is RuleViolationException or NotFoundException)
        {
            ModelState.AddModelError("", e.Message);
            return Page();
        }
    }
}
