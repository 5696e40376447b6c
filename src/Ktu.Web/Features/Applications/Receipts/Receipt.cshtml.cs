using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Applications;

/// <summary>The receipt of one submission: reference, time, sender, receiving office and the SHA-256 of the stored copy.</summary>
[Authorize(Policy = Policies.Applicant)]
public sealed class ReceiptModel(AppDbContext db, CurrentUser me) : PageModel
{
    public SubmissionReceipt Receipt { get; private set; } = null!;

    /// <summary>The sender as people write it ("Trondheim kommune"), as on the PDF copy.</summary>
    public string SenderName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, int number, CancellationToken ct)
    {
        try
        {
            var (submission, receipt) = await Receipts.GetAsync(db, me, id, number, ct);
            Receipt = receipt;
            var kind = await db.Organisations.AsNoTracking()
                .Where(o => o.Id == submission.OrganisationId).Select(o => o.Kind).SingleAsync(ct);
            SenderName = OrganisationDisplay.Name(receipt.Sender.Name, kind);
            return Page();
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }
}
