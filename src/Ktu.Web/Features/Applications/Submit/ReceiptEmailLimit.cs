using Ktu.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Applications;

/// <summary>
/// How many e-mails one address may have had queued in the last hour before a receipt to it is held back
/// (Security:ReceiptEmailsPerAddressPerHour). Submitting and withdrawing again and again is the one way an applicant
/// makes the service send mail at will, to their own address and to the contact person typed on the form: the bound
/// keeps that from flooding an inbox or the mail server's reputation. A held-back receipt is still stored and shown
/// in the app and the API (issue 16).
/// </summary>
public sealed record ReceiptEmailLimit(int PerAddressPerHour)
{
    public static readonly TimeSpan Period = TimeSpan.FromHours(1);

    /// <summary>Whether one more receipt may be queued to <paramref name="to"/>: every e-mail queued to the address in the hour counts, not only receipts.</summary>
    internal async Task<bool> AllowsAsync(AppDbContext db, string to, DateTimeOffset now, CancellationToken ct)
    {
        var address = to.Trim().ToLowerInvariant();
        var since = now - Period;
        // EF translates ToLower to SQL on both providers; string.Equals with a StringComparison it cannot translate.
#pragma warning disable CA1862
        var queued = await db.OutboxMessages.CountAsync(m => m.To.ToLower() == address && m.CreatedAt > since, ct);
#pragma warning restore CA1862
        return queued < PerAddressPerHour;
    }
}
