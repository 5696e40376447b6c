using Ktu.Web.Data;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ktu.Web.Features.Applications.Receipts;

/// <summary>The receipt of one submission: reference, time, sender, receiving office and the SHA-256 of the stored copy.</summary>
[Authorize(Policy = Policies.Applicant)]
public sealed class ReceiptModel(AppDbContext db, CurrentUser me) : PageModel
{
    public SubmissionReceipt Receipt { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, int number, CancellationToken ct)
    {
        try
        {
            Receipt = (await Receipts.GetAsync(db, me, id, number, ct)).Receipt;
            return Page();
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }
}
