using Ktu.Web.Data;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ktu.Web.Features.Payments;

/// <summary>
/// The "mark as paid" form of each grant on the letters page: marks it and goes back there with a message, or with
/// the reason under the grant's date field (no date) or at the top (already paid, a refusal, someone else was first).
/// </summary>
[Authorize(Policy = Policies.EmbeteStaff)]
public sealed class MarkPaidModel(AppDbContext db, CurrentUser me, TimeProvider time) : PageModel
{
    /// <summary>Nothing to show here: the form lives on the letters page.</summary>
    public IActionResult OnGet(int year) => RedirectToPage("/GrantLetters/Letters", new { year });

    public async Task<IActionResult> OnPostAsync(int year, Guid grantId, DateOnly? paidOn, CancellationToken ct)
    {
        try
        {
            switch (await MarkPaid.HandleAsync(db, me, time, new MarkPaid.Input(grantId, paidOn), ct))
            {
                case MarkPaid.Invalid invalid:
                    TempData.Error("paidOn-" + grantId.ToString("N"), invalid.Errors.Values.First()[0]);
                    break;
                case MarkPaid.Marked:
                    TempData.Message(PaymentTexts.MarkedPaid);
                    break;
            }
        }
        catch (RuleViolationException e)
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
