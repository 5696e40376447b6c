using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Rules;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Administration;

/// <summary>
/// API clients: register one (the secret is shown once, on this answer only), list and revoke. The administrator's for
/// every organisation and embete; an application administrator's for their own organisation, with the applicant side's
/// scopes; an embete leader's for their own embete, with the embete side's.
/// </summary>
[Authorize(Roles = Roles.Admin + "," + Roles.ApplicationAdmin + "," + Roles.Approver)]
public sealed class ListApiClientsModel(AppDbContext db, CurrentUser me, TimeProvider time) : PageModel
{
    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public int? OrganisationId { get; set; }

    [BindProperty]
    public string? EmbeteId { get; set; }

    [BindProperty]
    public List<string> Scopes { get; set; } = [];

    public IReadOnlyList<ApiClientDto> Clients { get; private set; } = [];
    public IReadOnlyList<Organisation> Organisations { get; private set; } = [];
    public IReadOnlyList<Embete> Embeter { get; private set; } = [];

    /// <summary>The scopes the signed-in user may give a client.</summary>
    public IReadOnlyList<string> GrantableScopes => ApiClientsAreRegisteredOnlyForOnesOwn.ScopesGrantableBy(me.Granter);

    /// <summary>Set only on the answer to a registration: the one time the secret is shown.</summary>
    internal RegisterApiClient.Registered? Registered { get; private set; }

    [TempData]
    public string? Saved { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!ApiClientsAreRegisteredOnlyForOnesOwn.RegistersAny(me.Granter))
        {
            return Forbid();
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Clients = await ApiClientAdmin.ListAsync(db, me.Granter, ct);
        var organisations = (await db.Organisations.AsNoTracking().Where(o => o.DeactivatedAt == null).ToListAsync(ct))
            .Where(o => ApiClientsAreRegisteredOnlyForOnesOwn.Manages(me.Granter, o.Id));
        Organisations = organisations.OrderBy(o => o.Name, StringComparer.Create(Format.Norwegian, ignoreCase: true)).ToList();
        Embeter = (await db.Embeter.AsNoTracking().ToListAsync(ct))
            .Where(e => ApiClientsAreRegisteredOnlyForOnesOwn.ManagesEmbete(me.Granter, e.Id))
            .OrderBy(e => e.NameBokmal, StringComparer.Create(Format.Norwegian, ignoreCase: true)).ToList();
    }

    public async Task<IActionResult> OnPostRegisterAsync(CancellationToken ct)
    {
        if (!ApiClientsAreRegisteredOnlyForOnesOwn.RegistersAny(me.Granter))
        {
            return Forbid();
        }
        var input = new ApiClientInput { Name = Name, OrganisationId = OrganisationId, EmbeteId = string.IsNullOrEmpty(EmbeteId) ? null : EmbeteId, Scopes = Scopes };
        switch (await RegisterApiClient.HandleAsync(db, me, time, input, ct))
        {
            case RegisterApiClient.Registered r:
                Registered = r;
                Name = null;
                OrganisationId = null;
                EmbeteId = null;
                Scopes = [];
                break;
            case RegisterApiClient.Invalid i:
                foreach (var (field, messages) in i.Errors)
                {
                    messages.ToList().ForEach(m => ModelState.AddModelError(field, m));
                }
                break;
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken ct)
    {
        var client = await RevokeApiClient.HandleAsync(db, me, time, id, ct);
        Saved = Format.Text(AdministrationTexts.ApiClient_Revoked, client.Name);
        return RedirectToPage();
    }
}
