using Ktu.Web.Data;
using Ktu.Web.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ktu.Web.Features.Administration;

[Authorize(Policy = Web.Policies.Admin)]
public sealed class ListOrganisationsModel(AppDbContext db) : PageModel
{
    public IReadOnlyList<Organisation> Organisations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Organisations = await ListOrganisations.HandleAsync(db, ct);
}
