using Ktu.Web.Data;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ktu.Web.Features.Payments;

/// <summary>
/// The payment-file form on the letters page: the file, or back to the letters page with the reason in its error
/// summary and the account as typed (missing or wrong account, a payment that cannot be made), never a bare problem
/// document in the browser.
/// </summary>
[Authorize(Policy = Policies.EmbeteStaff)]
public sealed class PaymentFileModel(AppDbContext db, CurrentUser me, IConfiguration configuration, TimeProvider time) : PageModel
{
    /// <summary>The field of the letters page an error belongs to.</summary>
    public const string AccountField = "payerAccount";

    public async Task<IActionResult> OnGetAsync(int year, string? payerAccount, string? format, CancellationToken ct)
    {
        var input = new ExportPaymentFile.Input(year, payerAccount, null,
            format == "pain001" ? ExportPaymentFile.FileFormat.Pain001 : ExportPaymentFile.FileFormat.Csv);
        try
        {
            var file = ((ExportPaymentFile.Made)await ExportPaymentFile.HandleAsync(db, me, configuration, time, input, ct)).File;
            return File(file.Content, file.ContentType, file.FileName);
        }
        catch (RuleViolationException e)
        {
            TempData.Error(AccountField, e.Message, payerAccount);
            return RedirectToPage("/GrantLetters/Letters", new { year });
        }
    }
}
