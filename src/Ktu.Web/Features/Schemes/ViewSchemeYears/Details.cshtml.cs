using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Schemes;

public sealed class DetailsModel(AppDbContext db, CurrentUser me) : PageModel
{
    public SchemeYear Scheme { get; private set; } = null!;
    public Dictionary<string, string> EmbeteNames { get; private set; } = [];
    public List<ViewSchemeHistory.ChangeDto> History { get; private set; } = [];
    public string? Message { get; private set; }

    public bool MayEdit => me.IsInRole(Roles.Directorate) || me.IsInRole(Roles.Admin);
    public bool MaySetDeadlines => me.IsInRole(Roles.Approver) && me.IsEmbeteStaff;
    public bool MaySeeHistory => me.IsEmbeteStaff || MayEdit;

    public async Task<IActionResult> OnGetAsync(int year)
    {
        var s = await db.SchemeYears.WithRules().AsNoTracking().SingleOrDefaultAsync(x => x.Year == year);
        if (s is null)
        {
            return NotFound();
        }
        Scheme = s;
        EmbeteNames = await db.Embeter.ToDictionaryAsync(e => e.Id, e => e.NameBokmal);
        Message = TempData.TakeMessage();
        TempData.TakeError(ModelState);
        if (MaySeeHistory)
        {
            History = await ViewSchemeHistory.HandleAsync(db, me, year, HttpContext.RequestAborted);
        }
        return Page();
    }

    public static string ActionName(string action) =>
        SchemeTexts.ResourceManager.GetString("Action_" + action.Replace('.', '_').Replace('-', '_'), System.Globalization.CultureInfo.CurrentUICulture) ?? action;
}
