using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Rules;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Administration;

/// <summary>The invitation form: the administrator chooses any role; an embete's leader the embete's own staff roles; an application
/// administrator the organisation's own applicants.</summary>
[Authorize(Roles = Roles.Admin + "," + Roles.Approver + "," + Roles.ApplicationAdmin + "," + Roles.Directorate)]
public sealed class InviteUserModel(AppDbContext db, KtuUserManager users, CurrentUser me, TimeProvider time, IConfiguration configuration) : PageModel
{
    [BindProperty]
    public InvitationInput Input { get; set; } = new();

    /// <summary>The roles the signed-in user may grant.</summary>
    public IReadOnlyList<string> GrantableRoles { get; private set; } = [];
    public IReadOnlyList<Embete> Embeter { get; private set; } = [];
    public IReadOnlyList<Organisation> Organisations { get; private set; } = [];

    [TempData]
    public string? Saved { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!RolesAreGrantedOnlyWithinOnesOwn.GrantsAnything(me.Granter))
        {
            return Forbid();
        }
        GrantableRoles = RolesAreGrantedOnlyWithinOnesOwn.GrantableByOwn(me.Granter);
        var embeteId = me.IsInRole(Roles.Admin) ? null : me.IsEmbeteStaff ? me.EmbeteId : "";
        Embeter = await db.Embeter.AsNoTracking().Where(e => embeteId == null || e.Id == embeteId).OrderBy(e => e.NameBokmal).ToListAsync(ct);
        var organisationId = me.IsInRole(Roles.Admin) ? null : me.IsInRole(Roles.ApplicationAdmin) ? me.OrganisationId : -1;
        Organisations = (await db.Organisations.AsNoTracking().Where(o => o.DeactivatedAt == null && (organisationId == null || o.Id == organisationId)).ToListAsync(ct))
            .OrderBy(o => o.Name, StringComparer.Create(Format.Norwegian, ignoreCase: true)).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var saved = await PageWrites.TryAsync(ModelState, "email", AdministrationTexts.User_NotFound, async () =>
            await InviteUser.HandleAsync(db, users, me, time, configuration, Request, Input, ct) switch
            {
                InviteUser.Invalid i => i.Errors,
                _ => new FieldErrors(),
            });
        if (saved)
        {
            Saved = Format.Text(AdministrationTexts.Invite_Sent, Input.Email!.Trim());
            return RedirectToPage("/Administration/ListUsers/Index");
        }
        return await OnGetAsync(ct);
    }
}
