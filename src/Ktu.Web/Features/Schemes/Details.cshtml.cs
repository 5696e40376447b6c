using Ktu.Web.Data;
using Ktu.Web.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Schemes;

public sealed class DetailsModel(AppDbContext db) : PageModel
{
    public SchemeYear Scheme { get; private set; } = null!;
    public Dictionary<string, string> EmbeteNames { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int year)
    {
        var s = await db.SchemeYears.WithRules().AsNoTracking().SingleOrDefaultAsync(x => x.Year == year);
        if (s is null)
        {
            return NotFound();
        }
        Scheme = s;
        EmbeteNames = await db.Embeter.ToDictionaryAsync(e => e.Id, e => e.NameBokmal);
        return Page();
    }
}
