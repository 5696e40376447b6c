using Ktu.Web.Data;
using Ktu.Web.Domain;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Schemes;

public sealed class IndexModel(AppDbContext db, TimeProvider time) : PageModel
{
    public List<SchemeYear> Years { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync()
    {
        Now = time.GetUtcNow();
        Years = await db.SchemeYears.AsNoTracking().OrderByDescending(s => s.Year).ToListAsync();
    }
}
