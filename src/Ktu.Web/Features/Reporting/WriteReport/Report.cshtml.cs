using Ktu.Web.Data;
using Ktu.Web.Domain.Reporting;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ktu.Web.Features.Reporting;

/// <summary>The applicant's report on the grant of one application: write, save, attach, send (<see cref="SaveReport"/>, <see cref="SubmitReport"/>, <see cref="UploadAttachment"/>).</summary>
[Authorize(Policy = Policies.Applicant)]
[RequestFormLimits(MultipartBodyLengthLimit = WebSetup.MaxRequestBodyBytes)]
public sealed class ReportModel(AppDbContext db, CurrentUser me, TimeProvider time) : PageModel
{
    [BindProperty] public ReportForm Form { get; set; } = new();
    [BindProperty] public new IFormFile? File { get; set; }
    [BindProperty] public string? Kind { get; set; }

    internal ReportView View { get; private set; } = null!;
    public string? Message { get; private set; }
    public IReadOnlyList<ReportReceipt> Receipts { get; private set; } = [];
    public IReadOnlyList<RepaymentClaimDto> Claims { get; private set; } = [];
    public IReadOnlyList<AccountChangeDto> AccountChanges { get; private set; } = [];
    public IReadOnlyList<ReallocationDto> Reallocations { get; private set; } = [];
    [BindProperty] public string? NewAccount { get; set; }
    [BindProperty] public string? NewOrgNumber { get; set; }
    [BindProperty] public string? AddressLine1 { get; set; }
    [BindProperty] public string? AddressLine2 { get; set; }
    [BindProperty] public string? PostCode { get; set; }
    [BindProperty] public string? Place { get; set; }
    [BindProperty] public string? ChangeReason { get; set; }
    [BindProperty] public string? FromLineId { get; set; }
    [BindProperty] public long? MoveAmount { get; set; }
    [BindProperty] public string? Purpose { get; set; }

    public async Task OnGetAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        Form = ReportForm.From(View);
        Message = TempData.TakeMessage();
    }

    public Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct) => SaveAsync(id, submit: false, ct);

    public Task<IActionResult> OnPostSubmitAsync(Guid id, CancellationToken ct) => SaveAsync(id, submit: true, ct);

    /// <summary>
    /// Autosave from wwwroot/js/autosave.js: saves the report as typed with the form's version and answers with the new
    /// version and totals as JSON. A stale version, a closed report or unreadable input saves nothing and says so.
    /// </summary>
    public async Task<IActionResult> OnPostAutosaveAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        var content = Form.ToContent(View.Content);
        SaveReport.Outcome outcome;
        try
        {
            outcome = await SaveReport.HandleAsync(db, me, time, View.Grant.Id, new ReportInput(Form.Version, content), ct);
        }
        catch (RuleViolationException refused)
        {
            return Autosaved(saved: false, conflict: true, refused.Message);
        }
        return outcome switch
        {
            SaveReport.Saved s => Autosaved(s.View),
            SaveReport.Conflict => Autosaved(saved: false, conflict: true, ReportingTexts.Save_Conflict),
            _ => Autosaved(saved: false, conflict: false, Web.Texts.Part_AutosaveInvalid),
        };
    }

    private JsonResult Autosaved(ReportView saved) => new(new
    {
        saved = true,
        conflict = false,
        version = saved.Version,
        savedAt = saved.Report is { } report ? Domain.Format.Time(report.UpdatedAt) : null,
        message = Domain.Format.Text(ReportingTexts.Page_Autosaved, Domain.Format.Time(time.GetUtcNow())),
        summary = new { spent = Domain.Format.Nok(saved.Content.TotalSpent), unused = Domain.Format.Nok(saved.Content.Unused) },
    });

    private static JsonResult Autosaved(bool saved, bool conflict, string message) => new(new { saved, conflict, message });

    public async Task<IActionResult> OnPostUploadAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        var stored = await PageWrites.TryAsync(ModelState, "", ReportingTexts.Save_Conflict, async () =>
        {
            if (File is null)
            {
                return FieldErrors.Of("file", ReportingTexts.Attachment_NoFile);
            }
            if (File.Length > ReportAttachment.MaxBytes)
            {
                return FieldErrors.Of("file", Domain.Format.Text(ReportingTexts.Attachment_TooLarge, ReportAttachment.MaxBytes / 1024 / 1024));
            }
            using var buffer = new MemoryStream();
            await File.CopyToAsync(buffer, ct);
            return await UploadAttachment.HandleAsync(db, me, time, View.Grant.Id, Kind ?? "", File.FileName, buffer.ToArray(), ct) switch
            {
                UploadAttachment.Invalid i => i.Errors,
                _ => new FieldErrors(),
            };
        }, path => path == "file" ? nameof(File) : path);
        if (!stored)
        {
            Form = ReportForm.From(View);
            return Page();
        }
        TempData.Message(ReportingTexts.Page_Uploaded);
        return RedirectToPage(null, new { id });
    }

    public async Task<IActionResult> OnPostAccountAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        var ok = await PageWrites.TryAsync(ModelState, "", ReportingTexts.Save_Conflict, async () =>
            await ChangeAccount.RequestAsync(db, me, time, View.Grant.Id, new AccountChangeRequest(NewAccount, ChangeReason, NewOrgNumber, AddressLine1, AddressLine2, PostCode, Place), ct)
                is { Result: Microsoft.AspNetCore.Http.HttpResults.ValidationProblem problem }
                ? Errors(problem, new()
                {
                    ["accountNumber"] = nameof(NewAccount),
                    ["reason"] = nameof(ChangeReason),
                    ["orgNumber"] = nameof(NewOrgNumber),
                    ["addressLine1"] = nameof(AddressLine1),
                    ["addressLine2"] = nameof(AddressLine2),
                    ["postCode"] = nameof(PostCode),
                    ["place"] = nameof(Place),
                })
                : new FieldErrors());
        return Done(ok, id, ReportingTexts.Account_Requested);
    }

    public async Task<IActionResult> OnPostReallocateAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        var ok = await PageWrites.TryAsync(ModelState, "", ReportingTexts.Save_Conflict, async () =>
            await Reallocate.RequestAsync(db, me, time, View.Grant.Id, new ReallocationRequest(FromLineId, MoveAmount, Purpose, ChangeReason), ct) is { Result: Microsoft.AspNetCore.Http.HttpResults.ValidationProblem problem }
                ? Errors(problem, new() { ["fromLineId"] = nameof(FromLineId), ["amount"] = nameof(MoveAmount), ["purpose"] = nameof(Purpose), ["reason"] = nameof(ChangeReason) })
                : new FieldErrors());
        return Done(ok, id, ReportingTexts.Reallocation_Requested);
    }

    private IActionResult Done(bool ok, Guid id, string message)
    {
        if (!ok)
        {
            Form = ReportForm.From(View);
            return Page();
        }
        TempData.Message(message);
        return RedirectToPage(null, new { id });
    }

    /// <summary>An endpoint's field errors under the page's field names.</summary>
    private static FieldErrors Errors(Microsoft.AspNetCore.Http.HttpResults.ValidationProblem problem, Dictionary<string, string> names)
    {
        var errors = new FieldErrors();
        foreach (var (field, messages) in problem.ProblemDetails.Errors)
        {
            foreach (var message in messages)
            {
                errors.Add(names.GetValueOrDefault(field, field), message);
            }
        }
        return errors;
    }

    private async Task<IActionResult> SaveAsync(Guid id, bool submit, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        var content = Form.ToContent(View.Content);
        var saved = await PageWrites.TryAsync(ModelState, "", ReportingTexts.Save_Conflict, async () =>
            await SaveReport.HandleAsync(db, me, time, View.Grant.Id, new ReportInput(Form.Version, content), ct) switch
            {
                SaveReport.Invalid i => i.Errors,
                SaveReport.Conflict => FieldErrors.Of("", ReportingTexts.Save_Conflict),
                _ => new FieldErrors(),
            });
        if (!saved)
        {
            return Page();
        }
        if (!submit)
        {
            TempData.Message(ReportingTexts.Page_Saved);
            return RedirectToPage(null, new { id });
        }
        await LoadAsync(id, ct);
        var sent = await PageWrites.TryAsync(ModelState, "", ReportingTexts.Submit_Conflict, async () =>
            await SubmitReport.HandleAsync(db, me, time, View.Grant.Id, View.Version, ct) switch
            {
                SubmitReport.Refused r => FieldErrors.Of("", r.Message),
                SubmitReport.Conflict => FieldErrors.Of("", ReportingTexts.Submit_Conflict),
                _ => new FieldErrors(),
            });
        if (!sent)
        {
            Form = ReportForm.From(View);
            return Page();
        }
        TempData.Message(ReportingTexts.Page_Submitted);
        return RedirectToPage(null, new { id });
    }

    private async Task LoadAsync(Guid id, CancellationToken ct)
    {
        var grant = await ReportAccess.OwnGrantOfApplicationAsync(db, me, id, ct);
        View = await ReportView.LoadAsync(db, grant, await ReportAccess.ReportAsync(db, grant.Id, ct), time.GetUtcNow(), ct);
        Receipts = (await DownloadReportPdf.ListAsync(db, me, grant.Id, ct)).Value ?? [];
        Claims = (await ClaimRepayment.ListAsync(db, me, grant.Id, ct)).Value ?? [];
        AccountChanges = (await ChangeAccount.ListAsync(db, me, grant.Id, ct)).Value ?? [];
        Reallocations = (await Reallocate.ListAsync(db, me, grant.Id, ct)).Value ?? [];
    }
}
