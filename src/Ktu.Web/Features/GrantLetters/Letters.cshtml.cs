using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ktu.Web.Features.GrantLetters;

/// <summary>
/// The embete's letters after approval: every decision with its letter versions and payment, a button that makes
/// the missing letters (in batches with visible progress when JavaScript runs, all at once without), downloads,
/// corrections. The payment forms on the page post to the Payments feature's pages, which come back here with a
/// message or an error (<see cref="PageHandover"/>).
/// </summary>
[Authorize(Policy = Policies.EmbeteStaff)]
public sealed class LettersModel(AppDbContext db, CurrentUser me, TimeProvider time) : PageModel
{
    /// <summary>Letters per request when the page's script makes them in batches.</summary>
    public const int BatchSize = 5;

    public LettersResponse View { get; private set; } = null!;

    [TempData]
    public string? Message { get; set; }

    /// <summary>Whether the person may confirm or refuse others' proposals (a leader of the embete).</summary>
    public bool IsLeader => me.IsInRole(Roles.Approver);

    /// <summary>The embete's account as typed in the payment form, shown again when the file could not be made.</summary>
    public string? PayerAccount { get; private set; }

    public async Task OnGetAsync(int year, CancellationToken ct)
    {
        View = await ListLetters.LoadAsync(db, me.StaffEmbeteId, me.Id, year, 0, ct);
        Message ??= TempData.TakeMessage();
        if (TempData.TakeError(ModelState) is { Field: "payerAccount" } handedBack)
        {
            PayerAccount = handedBack.Typed;
        }
    }

    public async Task<IActionResult> OnPostGenerateAsync(int year, CancellationToken ct)
    {
        try
        {
            var made = (GenerateLetters.Made)await GenerateLetters.HandleAsync(db, me, time, new GenerateLetters.Input(year, null), ct);
            Message = made.Progress.Made == 0 ? LetterTexts.NoneMade : Format.Text(LetterTexts.Made, made.Progress.Made);
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
            var p = ((GenerateLetters.Made)await GenerateLetters.HandleAsync(db, me, time, new GenerateLetters.Input(year, BatchSize), ct)).Progress;
            return new JsonResult(new { made = p.Made, withLetter = p.WithLetter, decisions = p.Decisions, remaining = p.Remaining });
        }
        catch (RuleViolationException e)
        {
            return new JsonResult(new { error = e.Message }) { StatusCode = StatusCodes.Status409Conflict };
        }
    }

    public Task<IActionResult> OnPostCorrectAsync(int year, Guid grantId, string? reason, CancellationToken ct) =>
        StepAsync(year, async () => await CorrectLetter.HandleAsync(db, me, time, new CorrectLetter.Input(grantId, reason), ct) switch
        {
            CorrectLetter.Invalid invalid => ("reason-" + grantId.ToString("N"), invalid.Errors.Values.First()[0]),
            _ => (null, LetterTexts.CorrectionProposed),
        }, ct);

    public Task<IActionResult> OnPostConfirmCorrectionAsync(int year, Guid grantId, Guid? proposalId, CancellationToken ct) =>
        StepAsync(year, async () => await ConfirmCorrection.HandleAsync(db, me, time, new ConfirmCorrection.Input(grantId, proposalId), ct) switch
        {
            ConfirmCorrection.Corrected corrected => (null, Format.Text(LetterTexts.CorrectedMade, corrected.Letter.Version)),
            ConfirmCorrection.Invalid invalid => ("", invalid.Errors.Values.First()[0]),
            _ => throw new InvalidOperationException(),
        }, ct);

    public Task<IActionResult> OnPostCancelCorrectionAsync(int year, Guid grantId, Guid? proposalId, CancellationToken ct) =>
        StepAsync(year, async () => await CancelCorrection.HandleAsync(db, me, time, new CancelCorrection.Input(grantId, proposalId), ct) switch
        {
            CancelCorrection.Cancelled => (null, LetterTexts.CorrectionCancelled),
            CancelCorrection.Invalid invalid => ("", invalid.Errors.Values.First()[0]),
            _ => throw new InvalidOperationException(),
        }, ct);

    /// <summary>
    /// One step of a correction: back to the page with its message, or the page again with the refusal at the field
    /// (Field set) or at the top (a rule, one's own proposal, a conflict, not a leader).
    /// </summary>
    private async Task<IActionResult> StepAsync(int year, Func<Task<(string? Field, string Text)>> step, CancellationToken ct)
    {
        try
        {
            var (field, text) = await step();
            if (field is not null)
            {
                return await ShowAsync(year, field, text, ct);
            }
            Message = text;
            return RedirectToPage(new { year });
        }
        catch (RuleViolationException e)
        {
            return await ShowAsync(year, "", e.Message, ct);
        }
        catch (ForbiddenException e)
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
        View = await ListLetters.LoadAsync(db, me.StaffEmbeteId, me.Id, year, 0, ct);
        return Page();
    }
}
