using Ktu.Web.Data;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ktu.Web.Features.Reporting;

/// <summary>The embete's view of one grant's report, with the steps of <see cref="ReviewReport"/>: recommend, approve, send back.</summary>
[Authorize(Policy = Policies.EmbeteStaff)]
public sealed class ReviewModel(AppDbContext db, CurrentUser me, TimeProvider time) : PageModel
{
    [BindProperty] public int Version { get; set; }
    [BindProperty] public string? Reason { get; set; }

    internal ReportView View { get; private set; } = null!;
    public string? Message { get; private set; }
    public IReadOnlyList<ReportReceipt> Receipts { get; private set; } = [];
    public int Year { get; private set; }
    public bool MayApprove => me.IsInRole(Domain.Roles.Approver);
    public bool MayRecommend => me.IsInRole(Domain.Roles.CaseOfficer);

    public async Task OnGetAsync(int year, Guid grantId, CancellationToken ct)
    {
        await LoadAsync(year, grantId, ct);
        Message = TempData.TakeMessage();
    }

    /// <summary>A post without a step shows the page again.</summary>
    public async Task OnPostAsync(int year, Guid grantId, CancellationToken ct) => await LoadAsync(year, grantId, ct);

    public Task<IActionResult> OnPostRecommendAsync(int year, Guid grantId, CancellationToken ct) =>
        StepAsync(year, grantId, ReviewReport.Step.Recommend, ReportingTexts.Review_Recommended, ct);

    public Task<IActionResult> OnPostApproveAsync(int year, Guid grantId, CancellationToken ct) =>
        StepAsync(year, grantId, ReviewReport.Step.Approve, ReportingTexts.Review_Approved, ct);

    public async Task<IActionResult> OnPostReturnAsync(int year, Guid grantId, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Reason) || Reason.Trim().Length > Domain.Reporting.GrantReport.MaxReasonLength)
        {
            await LoadAsync(year, grantId, ct);
            ModelState.AddModelError(nameof(Reason), string.IsNullOrWhiteSpace(Reason)
                ? ReportingTexts.Review_ReasonRequired
                : Domain.Format.Text(ReportingTexts.Review_ReasonTooLong, Domain.Reporting.GrantReport.MaxReasonLength));
            return Page();
        }
        return await StepAsync(year, grantId, ReviewReport.Step.Return, ReportingTexts.Review_ReturnedMessage, ct);
    }

    private async Task<IActionResult> StepAsync(int year, Guid grantId, ReviewReport.Step step, string done, CancellationToken ct)
    {
        var ok = await PageWrites.TryAsync(ModelState, "", ReportingTexts.Review_VersionConflict, async () =>
        {
            await ReviewReport.HandleAsync(db, me, time, grantId, step, Version, Reason?.Trim(), ct);
            return new FieldErrors();
        });
        if (!ok)
        {
            await LoadAsync(year, grantId, ct);
            return Page();
        }
        TempData.Message(done);
        return RedirectToPage(null, new { year, grantId });
    }

    private async Task LoadAsync(int year, Guid grantId, CancellationToken ct)
    {
        var grant = await ReportAccess.EmbeteGrantAsync(db, me, grantId, ct);
        Year = year;
        View = await ReportView.LoadAsync(db, grant, await ReportAccess.ReportAsync(db, grant.Id, ct), time.GetUtcNow(), ct);
        Version = View.Version;
        Receipts = (await DownloadReportPdf.ListAsync(db, me, grant.Id, ct)).Value ?? [];
    }
}
