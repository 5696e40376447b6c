using Ktu.Web.Data;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ktu.Web.Features.Audit;

/// <summary>The audit trail as a page: the same filters, rules of who sees what, and paging as <c>GET /api/v1/audit/entries</c>.</summary>
[Authorize(Roles = Domain.Roles.Admin + "," + Domain.Roles.Approver)]
public sealed class AuditTrailModel(AppDbContext db, CurrentUser me) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ApplicationId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Person { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "side")]
    public int? PageNumber { get; set; }

    public AuditPage? Result { get; private set; }

    public bool SeesAll => me.IsInRole(Domain.Roles.Admin);

    public int Pages => Result is null ? 0 : Math.Max(1, (Result.Total + Result.PageSize - 1) / Result.PageSize);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!ReadAuditTrail.CanRead(me))
        {
            return Forbid();
        }
        ModelState.Clear();
        switch (await ReadAuditTrail.HandleAsync(db, me, new ReadAuditTrail.Input(ApplicationId, Person, From, To, PageNumber, null), ct))
        {
            case ReadAuditTrail.Found found:
                Result = found.Page;
                break;
            case ReadAuditTrail.Invalid invalid:
                foreach (var (field, messages) in invalid.Errors)
                {
                    foreach (var message in messages)
                    {
                        ModelState.AddModelError(Field(field), message);
                    }
                }
                break;
        }
        return Page();
    }

    /// <summary>The route values of another page with the same filters.</summary>
    public Dictionary<string, string?> RouteFor(int page) => new()
    {
        ["applicationId"] = ApplicationId,
        ["person"] = Person,
        ["from"] = From,
        ["to"] = To,
        ["side"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string Field(string apiField) => apiField switch
    {
        "applicationId" => nameof(ApplicationId),
        "person" => nameof(Person),
        "from" => nameof(From),
        "to" => nameof(To),
        _ => "",
    };
}
