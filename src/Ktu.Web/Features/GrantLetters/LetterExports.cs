using System.Globalization;
using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Features.Payments;
using Ktu.Web.Web;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.GrantLetters;

/// <summary>
/// What leaves KTU after approval: the archive copy of every latest letter, and the payment files for the bank.
/// The payer account is the embete's, given on the page or set as Payments:PayerAccounts:{embete} in configuration.
/// </summary>
internal static class LetterExports
{
    public static async Task<byte[]> ArchiveAsync(AppDbContext db, CurrentUser me, int year, CancellationToken ct)
    {
        var embeteId = me.StaffEmbeteId;
        await LetterActions.EnsureApprovedAsync(db, embeteId, year, ct);
        var decisions = await db.GrantDecisions.AsNoTracking().Where(d => d.EmbeteId == embeteId && d.SchemeYear == year)
            .ToDictionaryAsync(d => d.Id, ct);
        var letters = await db.GrantLetters.AsNoTracking().Where(l => l.EmbeteId == embeteId && l.SchemeYear == year).ToListAsync(ct);
        if (letters.Count == 0)
        {
            throw new RuleViolationException("Det er ikke laget brev ennå, så det er ingenting å arkivere. Lag brevene først.", "no-letters");
        }
        var latest = letters.GroupBy(l => l.GrantDecisionId).Select(g => g.MaxBy(l => l.Version)!);
        return ArchiveExport.Write(latest.Select(l =>
        {
            var d = decisions[l.GrantDecisionId];
            return new ArchiveDocument(d.CaseReference, l.LetterDate, d.ApplicantName, d.ApplicantOrgNumber, l.Title, l.Version, l.Pdf)
            {
                TemplateSha256 = l.TemplateSha256,
            };
        }));
    }

    public static async Task<PaymentList> PaymentsAsync(
        AppDbContext db, CurrentUser me, IConfiguration configuration, TimeProvider time, int year, string? payerAccount, DateOnly? executionDate, CancellationToken ct)
    {
        var embeteId = me.StaffEmbeteId;
        await LetterActions.EnsureApprovedAsync(db, embeteId, year, ct);
        var account = string.IsNullOrWhiteSpace(payerAccount) ? configuration[$"Payments:PayerAccounts:{embeteId}"] : payerAccount;
        if (string.IsNullOrWhiteSpace(account))
        {
            throw new RuleViolationException("Oppgi embetets kontonummer (11 siffer) for å lage betalingsfilen. Ingen fil er laget.", "payer-account-missing");
        }
        var embete = await db.Embeter.AsNoTracking().SingleAsync(e => e.Id == embeteId, ct);
        var paid = await db.GrantPayments.AsNoTracking().Where(p => p.EmbeteId == embeteId && p.SchemeYear == year)
            .Select(p => p.GrantDecisionId).ToListAsync(ct);
        // Grants already marked paid are left out, so a new file never pays twice.
        var decisions = await db.GrantDecisions.AsNoTracking()
            .Where(d => d.EmbeteId == embeteId && d.SchemeYear == year && !paid.Contains(d.Id)).ToListAsync(ct);
        PaymentList list;
        try
        {
            list = PaymentList.From(decisions, embete, account, executionDate ?? DateOnly.FromDateTime(NorwayTime.ToLocal(time.GetUtcNow()).DateTime));
        }
        catch (ArgumentException e)
        {
            throw new RuleViolationException(e.Message.Split(" (Parameter", 2)[0] + " Ingen fil er laget.", "payer-account-invalid");
        }
        if (list.Refused.Count > 0)
        {
            var rows = string.Join(" ", list.Refused.Select(r => $"{r.CaseReference} {r.RecipientName}: {r.Problem}"));
            throw new RuleViolationException(
                $"Betalingsfilen er ikke laget, fordi {list.Refused.Count.ToString(CultureInfo.InvariantCulture)} utbetaling(er) ikke kan gjøres: {rows} "
                + "Be søkeren om riktig kontonummer før dere betaler ut.", "payments-refused");
        }
        return list;
    }

    /// <summary>The payment list as CSV, with the type and name it is downloaded under (from the API and the letters page alike).</summary>
    public static ExportFile PaymentCsvFile(PaymentList list, int year) =>
        new(PaymentCsv.Write(list), "text/csv; charset=utf-8", $"utbetalinger-{year.ToString(CultureInfo.InvariantCulture)}.csv");

    /// <summary>The bank file for the list; with nothing left to pay (everything marked paid) there is no file, and the reason is a 409, not a 500.</summary>
    public static ExportFile Pain001File(PaymentList list, int year, DateTimeOffset now)
    {
        if (list.Payments.Count == 0)
        {
            throw new RuleViolationException(
                "Det er ingen utbetalinger å lage betalingsfil for: alle tilskudd er markert som betalt. Ingen fil er laget.", "no-payments");
        }
        return new(Pain001.Write(list, MessageId(list.Payer.Id, year, now), now), "application/xml", $"pain001-{year.ToString(CultureInfo.InvariantCulture)}.xml");
    }

    public static string MessageId(string embeteId, int year, DateTimeOffset now) =>
        $"KTU-{year.ToString(CultureInfo.InvariantCulture)}-{embeteId[..Math.Min(8, embeteId.Length)].ToUpperInvariant()}-{now.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}";
}

/// <summary>A file made for download: its bytes, content type and file name.</summary>
internal sealed record ExportFile(byte[] Content, string ContentType, string FileName);
