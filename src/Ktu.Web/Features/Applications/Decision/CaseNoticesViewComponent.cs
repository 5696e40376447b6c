using Ktu.Web.Data;
using Microsoft.AspNetCore.Mvc;

namespace Ktu.Web.Features.Applications;

/// <summary>
/// The applicant's notices (open questions, a decision that is ready) for pages outside this feature, such as the start
/// page: they ask for it by name (<c>Component.InvokeAsync("CaseNotices", ...)</c>) and so do not depend on Applications.
/// </summary>
public sealed class CaseNoticesViewComponent(AppDbContext db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int organisationId) =>
        View("~/Features/Applications/Decision/_CaseNotices.cshtml",
            await CaseNotices.ForOrganisationAsync(db, organisationId, null, HttpContext.RequestAborted));
}
