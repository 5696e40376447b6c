using Ktu.Web.Data;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ktu.Web.Features.Payments;

/// <summary>
/// The payment forms of each grant on the letters page: propose the date it was paid, and, while the proposal waits,
/// confirm it (another leader) or cancel it (the proposer or a leader). Each goes back there with a message, or with the
/// reason under the grant's date field (no date) or at the top (already paid, a refusal, one's own proposal, a conflict,
/// someone else was first).
/// </summary>
[Authorize(Policy = Policies.EmbeteStaff)]
public sealed class MarkPaidModel(AppDbContext db, CurrentUser me, TimeProvider time) : PageModel
{
    /// <summary>Nothing to show here: the forms live on the letters page.</summary>
    public IActionResult OnGet(int year) => RedirectToPage("/GrantLetters/Letters", new { year });

    public Task<IActionResult> OnPostAsync(int year, Guid grantId, DateOnly? paidOn, CancellationToken ct) =>
        BackAsync(year, async () =>
        {
            switch (await MarkPaid.HandleAsync(db, me, time, new MarkPaid.Input(grantId, paidOn), ct))
            {
                case MarkPaid.Invalid invalid:
                    TempData.Error("paidOn-" + grantId.ToString("N"), invalid.Errors.Values.First()[0]);
                    break;
                case MarkPaid.Proposed:
                    TempData.Message(PaymentTexts.ProposedPaid);
                    break;
            }
        });

    public Task<IActionResult> OnPostConfirmAsync(int year, Guid grantId, Guid? proposalId, CancellationToken ct) =>
        BackAsync(year, async () =>
        {
            if (await ConfirmPaid.HandleAsync(db, me, time, new ConfirmPaid.Input(grantId, proposalId), ct) is ConfirmPaid.Confirmed)
            {
                TempData.Message(PaymentTexts.MarkedPaid);
            }
        });

    public Task<IActionResult> OnPostCancelAsync(int year, Guid grantId, Guid? proposalId, CancellationToken ct) =>
        BackAsync(year, async () =>
        {
            if (await CancelPaid.HandleAsync(db, me, time, new CancelPaid.Input(grantId, proposalId), ct) is CancelPaid.Cancelled)
            {
                TempData.Message(PaymentTexts.ProposalCancelled);
            }
        });

    private async Task<IActionResult> BackAsync(int year, Func<Task> step)
    {
        try
        {
            await step();
        }
        catch (RuleViolationException e)
        {
            TempData.Error("", e.Message);
        }
        catch (ForbiddenException e)
        {
            TempData.Error("", e.Message);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        return RedirectToPage("/GrantLetters/Letters", new { year });
    }
}
