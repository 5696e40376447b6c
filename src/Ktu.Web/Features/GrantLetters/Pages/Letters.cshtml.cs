using Ktu.Web.Data;
using Ktu.Web.Features.Payments;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ktu.Web.Features.GrantLetters;

/// <summary>
/// The embete's letters after approval: every decision with its letter versions and payment, a button that makes
/// the missing letters (in batches with visible progress when JavaScript runs, all at once without), downloads,
/// corrections and paid marks.
/// </summary>
[Authorize(Policy = Policies.EmbeteStaff)]
public sealed class LettersModel(AppDbContext db, CurrentUser me, TimeProvider time) : PageModel
{
    /// <summary>Letters per request when the page's script makes them in batches.</summary>
    public const int BatchSize = 5;

    public LettersResponse View { get; private set; } = null!;

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(int year, CancellationToken ct) =>
        View = await LettersApi.LoadAsync(db, me.StaffEmbeteId, year, 0, ct);

    public async Task<IActionResult> OnPostGenerateAsync(int year, CancellationToken ct)
    {
        try
        {
            var progress = await LetterActions.GenerateAsync(db, me, time, year, null, ct);
            Message = progress.Made == 0 ? "Alle vedtak hadde brev fra før. Ingen brev er laget på nytt." : $"{progress.Made} brev er laget.";
            return RedirectToPage(new { year });
        }
        catch (RuleViolationException e)
        {
            return await ShowAsync(year, "", e.Message, ct);
        }
    }

    /// <summary>One batch for wwwroot/js/letters.js: answers how far generation has come.</summary>
    public async Task<IActionResult> OnPostBatchAsync(int year, CancellationToken ct)
    {
        try
        {
            var p = await LetterActions.GenerateAsync(db, me, time, year, BatchSize, ct);
            return new JsonResult(new { made = p.Made, withLetter = p.WithLetter, decisions = p.Decisions, remaining = p.Remaining });
        }
        catch (RuleViolationException e)
        {
            return new JsonResult(new { error = e.Message }) { StatusCode = StatusCodes.Status409Conflict };
        }
    }

    /// <summary>The embete's account as typed in the payment form, shown again when the file could not be made.</summary>
    public string? PayerAccount { get; private set; }

    /// <summary>
    /// The payment files from the page's form: the file, or the page again with the reason in the error summary
    /// (missing or wrong account, a payment that cannot be made), not a bare problem document in the browser.
    /// </summary>
    public async Task<IActionResult> OnGetPaymentsAsync(int year, string? payerAccount, string? format, [FromServices] IConfiguration configuration, CancellationToken ct)
    {
        try
        {
            var list = await LetterExports.PaymentsAsync(db, me, configuration, time, year, payerAccount, null, ct);
            var file = format == "pain001" ? LetterExports.Pain001File(list, year, time.GetUtcNow()) : LetterExports.PaymentCsvFile(list, year);
            return File(file.Content, file.ContentType, file.FileName);
        }
        catch (RuleViolationException e)
        {
            PayerAccount = payerAccount;
            return await ShowAsync(year, "payerAccount", e.Message, ct);
        }
    }

    public async Task<IActionResult> OnPostCorrectAsync(int year, Guid grantId, string? reason, CancellationToken ct)
    {
        var errors = new FieldErrors();
        try
        {
            var letter = await LetterActions.CorrectAsync(db, me, time, grantId, reason, errors, ct);
            if (errors.Count > 0)
            {
                return await ShowAsync(year, "reason-" + grantId.ToString("N"), errors.Values.First()[0], ct);
            }
            Message = $"Korrigert brev, versjon {letter.Version}, er laget.";
            return RedirectToPage(new { year });
        }
        catch (RuleViolationException e)
        {
            return await ShowAsync(year, "", e.Message, ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }

    public async Task<IActionResult> OnPostPaidAsync(int year, Guid grantId, DateOnly? paidOn, CancellationToken ct)
    {
        var errors = new FieldErrors();
        try
        {
            await LetterActions.MarkPaidAsync(db, me, time, grantId, paidOn, errors, ct);
            if (errors.Count > 0)
            {
                return await ShowAsync(year, "paidOn-" + grantId.ToString("N"), errors.Values.First()[0], ct);
            }
            Message = "Tilskuddet er markert som betalt.";
            return RedirectToPage(new { year });
        }
        catch (RuleViolationException e)
        {
            return await ShowAsync(year, "", e.Message, ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }

    private async Task<IActionResult> ShowAsync(int year, string field, string message, CancellationToken ct)
    {
        ModelState.Clear();
        ModelState.AddModelError(field, message);
        db.ChangeTracker.Clear();
        View = await LettersApi.LoadAsync(db, me.StaffEmbeteId, year, 0, ct);
        return Page();
    }
}
