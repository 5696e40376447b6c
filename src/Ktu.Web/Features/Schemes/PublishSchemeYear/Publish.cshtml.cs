using Ktu.Web.Data;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ktu.Web.Features.Schemes;

/// <summary>The "publish" form on a scheme year's page: publishes and goes back there with a message, or with the reason it was refused.</summary>
[Authorize(Policy = Policies.Directorate)]
public sealed class PublishModel(AppDbContext db, CurrentUser me, TimeProvider time) : PageModel
{
    /// <summary>Nothing to show here: the form lives on the year's page.</summary>
    public IActionResult OnGet(int year) => RedirectToPage("/Schemes/ViewSchemeYears/Details", new { year });

    public async Task<IActionResult> OnPostAsync(int year, int? version, CancellationToken ct)
    {
        try
        {
            await PublishSchemeYear.HandleAsync(db, me, time, year, version, ct);
            TempData.Message(SchemeTexts.Publish_Done);
        }
        catch (RuleViolationException e)
        {
            TempData.Error("", e.Message);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        return RedirectToPage("/Schemes/ViewSchemeYears/Details", new { year });
    }
}
