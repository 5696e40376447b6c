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
    [BindProperty] public string? TransferOutcome { get; set; }
    [BindProperty] public ClaimForm Claim { get; set; } = new();
    [BindProperty] public Guid ClaimId { get; set; }
    [BindProperty] public int ClaimVersion { get; set; }
    [BindProperty] public DateOnly? PaidOn { get; set; }

    public IReadOnlyList<RepaymentClaimDto> Claims { get; private set; } = [];
    public IReadOnlyList<AccountChangeDto> AccountChanges { get; private set; } = [];
    public IReadOnlyList<ReallocationDto> Reallocations { get; private set; } = [];
    [BindProperty] public Guid ChangeId { get; set; }
    [BindProperty] public int ChangeVersion { get; set; }
    [BindProperty] public bool Approve { get; set; }

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

    public async Task<IActionResult> OnPostTransferAsync(int year, Guid grantId, CancellationToken ct)
    {
        var ok = await PageWrites.TryAsync(ModelState, "", ReportingTexts.Review_VersionConflict, async () =>
        {
            if (TransferOutcome is not ("innvilg" or "avslå"))
            {
                return FieldErrors.Of(nameof(TransferOutcome), ReportingTexts.Transfer_ChooseOutcome);
            }
            var reason = Reason?.Trim();
            if (TransferOutcome == "avslå" && string.IsNullOrEmpty(reason))
            {
                return FieldErrors.Of(nameof(Reason), ReportingTexts.Transfer_ReasonRequired);
            }
            await DecideTransfer.HandleAsync(db, me, time, grantId, TransferOutcome == "innvilg", reason, ct);
            return new FieldErrors();
        });
        return await DoneAsync(ok, year, grantId, ReportingTexts.Transfer_Decided, ct);
    }

    public async Task<IActionResult> OnPostProposeClaimAsync(int year, Guid grantId, CancellationToken ct)
    {
        var ok = await PageWrites.TryAsync(ModelState, "", ReportingTexts.Review_VersionConflict, async () =>
            (await ClaimRepayment.ProposeClaimAsync(db, me, time, grantId,
                new RepaymentClaimRequest(Claim.Basis, Claim.Amount, Claim.Reason, Claim.DueDate, Claim.ChapterPost, Claim.Offset), ct)).Errors,
            path => "Claim." + char.ToUpperInvariant(path[0]) + path[1..]);
        return await DoneAsync(ok, year, grantId, ReportingTexts.Claim_Proposed, ct);
    }

    public async Task<IActionResult> OnPostIssueClaimAsync(int year, Guid grantId, CancellationToken ct)
    {
        var ok = await PageWrites.TryAsync(ModelState, "", ReportingTexts.Review_VersionConflict, async () =>
        {
            await ClaimRepayment.IssueClaimAsync(db, me, time, grantId, ClaimId, ClaimVersion, ct);
            return new FieldErrors();
        });
        return await DoneAsync(ok, year, grantId, ReportingTexts.Claim_Issued, ct);
    }

    public async Task<IActionResult> OnPostClaimPaidAsync(int year, Guid grantId, CancellationToken ct)
    {
        var ok = await PageWrites.TryAsync(ModelState, "", ReportingTexts.Review_VersionConflict, async () =>
            (await ClaimRepayment.MarkPaidAsync(db, me, time, grantId, ClaimId, new ClaimStepRequest(ClaimVersion, PaidOn), ct)).Errors,
            path => path == "paidOn" ? nameof(PaidOn) : path);
        return await DoneAsync(ok, year, grantId, ReportingTexts.Claim_Paid, ct);
    }

    public async Task<IActionResult> OnPostDecideAccountAsync(int year, Guid grantId, CancellationToken ct)
    {
        var ok = await PageWrites.TryAsync(ModelState, "", ReportingTexts.Review_VersionConflict, async () =>
            await ChangeAccount.DecideAsync(db, me, time, grantId, ChangeId, new AccountChangeDecisionRequest(Approve, Reason, ChangeVersion), ct)
                is { Result: Microsoft.AspNetCore.Http.HttpResults.ValidationProblem problem }
                ? FieldErrors.Of(nameof(Reason), string.Join(" ", problem.ProblemDetails.Errors.SelectMany(e => e.Value)))
                : new FieldErrors());
        return await DoneAsync(ok, year, grantId, ReportingTexts.Change_Decided, ct);
    }

    public async Task<IActionResult> OnPostDecideReallocationAsync(int year, Guid grantId, CancellationToken ct)
    {
        var ok = await PageWrites.TryAsync(ModelState, "", ReportingTexts.Review_VersionConflict, async () =>
            await Reallocate.DecideAsync(db, me, time, grantId, ChangeId, new ReallocationDecisionRequest(Approve, Reason, ChangeVersion), ct)
                is { Result: Microsoft.AspNetCore.Http.HttpResults.ValidationProblem problem }
                ? FieldErrors.Of(nameof(Reason), string.Join(" ", problem.ProblemDetails.Errors.SelectMany(e => e.Value)))
                : new FieldErrors());
        return await DoneAsync(ok, year, grantId, ReportingTexts.Change_Decided, ct);
    }

    private async Task<IActionResult> DoneAsync(bool ok, int year, Guid grantId, string message, CancellationToken ct)
    {
        if (!ok)
        {
            await LoadAsync(year, grantId, ct);
            return Page();
        }
        TempData.Message(message);
        return RedirectToPage(null, new { year, grantId });
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
        Claims = (await ClaimRepayment.ListAsync(db, me, grant.Id, ct)).Value ?? [];
        AccountChanges = (await ChangeAccount.ListAsync(db, me, grant.Id, ct)).Value ?? [];
        Reallocations = (await Reallocate.ListAsync(db, me, grant.Id, ct)).Value ?? [];
        Claim.ChapterPost ??= "0761.21";
        Claim.DueDate ??= View.Today.AddDays(30);
    }
}

/// <summary>The page's form for proposing a repayment claim.</summary>
public sealed class ClaimForm
{
    public string? Basis { get; set; }
    public long? Amount { get; set; }
    public string? Reason { get; set; }
    public DateOnly? DueDate { get; set; }
    public string? ChapterPost { get; set; }
    public bool Offset { get; set; }
}
