using Ktu.Web.Data;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Applications;

/// <summary>The organisation's applications and every receipt, newest year first: the archive Altinn gave.</summary>
[Authorize(Policy = Policies.Applicant)]
public sealed class ArchiveModel(AppDbContext db, CurrentUser me) : PageModel
{
    /// <param name="Decided">A decision has been made on the application (any round); it is shown instead of "Sendt inn".</param>
    public sealed record Entry(Guid Id, int Year, ApplicationStatus Status, string? Reference, bool Decided, IReadOnlyList<SubmissionReceipt> Receipts);

    public List<Entry> Entries { get; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var orgId = me.OrganisationId ?? -1;
        var apps = await db.Applications.AsNoTracking().Where(a => a.OrganisationId == orgId)
            .OrderByDescending(a => a.SchemeYear).Select(a => new { a.Id, a.SchemeYear, a.Status, a.Reference }).ToListAsync(ct);
        var ids = apps.Select(a => a.Id).ToList();
        var decided = await db.GrantDecisions.AsNoTracking().Where(d => ids.Contains(d.ApplicationId)).Select(d => d.ApplicationId).Distinct().ToListAsync(ct);
        foreach (var a in apps)
        {
            Entries.Add(new Entry(a.Id, a.SchemeYear, a.Status, a.Reference, decided.Contains(a.Id), await Receipts.ListAsync(db, me, a.Id, ct)));
        }
    }

    public static string StatusText(Entry entry) => entry.Decided && entry.Status == ApplicationStatus.Submitted ? Texts.Status_Decided : entry.Status switch
    {
        ApplicationStatus.Submitted => Texts.Status_Submitted,
        ApplicationStatus.Withdrawn => Texts.Status_Withdrawn,
        _ => Texts.Status_Draft,
    };
}
