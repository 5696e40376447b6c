using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Administration;

[Authorize(Policy = Policies.Admin)]
public sealed class EditOrganisationModel(AppDbContext db, CurrentUser me, TimeProvider time) : PageModel
{
    [BindProperty]
    public OrganisationInput Input { get; set; } = new();

    public Organisation Organisation { get; private set; } = null!;
    public IReadOnlyList<Embete> Embeter { get; private set; } = [];
    public IReadOnlyList<OrganisationChangeDto> History { get; private set; } = [];

    [TempData]
    public string? Saved { get; set; }

    public async Task OnGetAsync(int id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        Input = new OrganisationInput
        {
            Name = Organisation.Name,
            Kind = Organisation.Kind.ToString(),
            EmbeteId = Organisation.EmbeteId,
            Version = Organisation.Version,
        };
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var saved = await PageWrites.TryAsync(ModelState, "name", AdministrationTexts.Organisation_Stale, async () =>
            await EditOrganisation.HandleAsync(db, me, time, id, Input, ct) switch
            {
                EditOrganisation.Invalid i => i.Errors,
                _ => new FieldErrors(),
            });
        if (saved)
        {
            Saved = AdministrationTexts.Organisation_Saved;
            return RedirectToPage(new { id });
        }
        db.ChangeTracker.Clear();
        await LoadAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDeactivateAsync(int id, CancellationToken ct)
    {
        var saved = await PageWrites.TryAsync(ModelState, "deactivate", AdministrationTexts.Organisation_Stale, async () =>
        {
            await DeactivateOrganisation.HandleAsync(db, me, time, id, Input.Version, ct);
            return new FieldErrors();
        });
        if (saved)
        {
            return RedirectToPage(new { id });
        }
        db.ChangeTracker.Clear();
        await OnGetAsync(id, ct);
        return Page();
    }

    public static string ActionName(string action) => action switch
    {
        "organisation.registered" => AdministrationTexts.Organisation_ActionRegistered,
        "organisation.changed" => AdministrationTexts.Organisation_ActionChanged,
        "organisation.deactivated" => AdministrationTexts.Organisation_ActionDeactivated,
        _ => action,
    };

    /// <summary>A before or after of the audit trail in the reader's words: "Navn: …; Type: …".</summary>
    public static string Describe(System.Text.Json.JsonElement? state) =>
        state is not { ValueKind: System.Text.Json.JsonValueKind.Object } o ? "" : string.Join("; ", o.EnumerateObject().Select(p => p.Name switch
        {
            "orgNumber" => $"{AdministrationTexts.Organisation_OrgNumber}: {p.Value.GetString()}",
            "name" => $"{AdministrationTexts.Organisation_Name}: {p.Value.GetString()}",
            "kind" => $"{AdministrationTexts.Organisation_Kind}: {(Enum.TryParse<OrganisationKind>(p.Value.GetString(), out var k) ? k.Norwegian() : p.Value.GetString())}",
            "embeteId" => $"{AdministrationTexts.Organisation_Embete}: {p.Value.GetString()}",
            "countyNumber" => $"{AdministrationTexts.Organisation_County}: {p.Value.GetString()}",
            "active" => $"{AdministrationTexts.Organisation_Status}: {(p.Value.ValueKind == System.Text.Json.JsonValueKind.True ? AdministrationTexts.Organisation_Active : AdministrationTexts.Organisation_ActionDeactivated)}",
            _ => $"{p.Name}: {p.Value.GetRawText()}",
        }));

    private async Task LoadAsync(int id, CancellationToken ct)
    {
        Organisation = await OrganisationAdmin.LoadAsync(db, id, ct);
        Embeter = await db.Embeter.AsNoTracking().OrderBy(e => e.NameBokmal).ToListAsync(ct);
        History = await OrganisationAdmin.HistoryAsync(db, id, ct);
    }
}
