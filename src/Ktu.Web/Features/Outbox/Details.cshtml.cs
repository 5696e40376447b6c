using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Outbox;

public sealed class DetailsModel(AppDbContext db, IConfiguration configuration, CurrentUser me) : PageModel
{
    public OutboxMessage Message { get; private set; } = null!;

    /// <summary>False for the administrator reading someone else's message outside demo mode (<see cref="OutboxAccess.ShowsBody"/>).</summary>
    public bool ShowsBody { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var message = await db.OutboxMessages.AsNoTracking().VisibleTo(me).SingleOrDefaultAsync(m => m.Id == id, ct);
        // Another person's message is as unknown as one that does not exist: a guessed id learns nothing.
        if (message is null)
        {
            return NotFound();
        }
        Message = message;
        ShowsBody = OutboxAccess.ShowsBody(configuration, me, message);
        return Page();
    }
}
