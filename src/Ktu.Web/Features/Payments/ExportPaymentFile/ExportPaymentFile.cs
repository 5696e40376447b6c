using System.Globalization;
using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Decisions;
using Ktu.Web.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Payments;

/// <summary>
/// The payment files for the bank after approval: the list as CSV for the finance office, or as a pain.001 file.
/// The payer account is the embete's, given on the page or set as Payments:PayerAccounts:{embete} in configuration.
/// Grants already marked paid are left out, so a new file never pays twice; a payment that cannot be made stops the
/// whole file with the reasons (409), never silently dropped. Repayment claims the embete chose to offset against the next
/// grant are deducted from the organisation's next payment (<see cref="OffsetClaims"/>) and shown in the file.
/// </summary>
internal static class ExportPaymentFile
{
    internal enum FileFormat
    {
        Csv,
        Pain001,
    }

    internal sealed record Input(int Year, string? PayerAccount, DateOnly? ExecutionDate, FileFormat Format);

    internal abstract record Outcome;
    internal sealed record Made(ExportFile File) : Outcome;

    /// <summary>The two files under the year's route group, which <see cref="PaymentsFeature"/> declares.</summary>
    public static void Map(RouteGroupBuilder year)
    {
        year.MapGet("/payments.csv", CsvAsync)
            .WithSummary("Utbetalingsliste som CSV (semikolon, UTF-8). Tilskudd som er markert betalt, er ikke med. 409 med liste over utbetalinger som ikke kan gjøres.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status409Conflict);
        year.MapGet("/pain001.xml", Pain001Async)
            .WithSummary("Betalingsfil for banken (ISO 20022 pain.001.001.09). Oppgi embetets konto med ?payerAccount= hvis den ikke er satt opp. 409 med liste over utbetalinger som ikke kan gjøres.")
            .Produces(StatusCodes.Status200OK, contentType: "application/xml")
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>The file, or a <see cref="RuleViolationException"/> that says why no file was made.</summary>
    public static async Task<Outcome> HandleAsync(
        AppDbContext db, CurrentUser me, IConfiguration configuration, TimeProvider time, Input input, CancellationToken ct)
    {
        var (list, offsets) = await PaymentsAsync(db, me, configuration, time, input, ct);
        var now = time.GetUtcNow();
        var file = input.Format == FileFormat.Pain001 ? Pain001File(list, input.Year, now) : CsvFile(list, input.Year);
        // A payment file moves money: who made which file, for which grants and to which accounts, is evidence like a decision.
        AuditTrail.Record(db, me, now, "payment.file-exported", "allocation-year", input.Year.ToString(CultureInfo.InvariantCulture), null, list.Payer.Id,
            after: new
            {
                format = input.Format == FileFormat.Pain001 ? "pain001" : "csv",
                file.FileName,
                sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file.Content)),
                payerAccount = list.PayerAccount.Value,
                count = list.Payments.Count,
                total = list.Total,
                offsetTotal = list.OffsetTotal,
                payments = list.Payments.Select(p => new { grantId = p.DecisionId, p.CaseReference, p.AccountNumber, p.Amount, p.Offset }),
                newOffsets = offsets.Select(o => new { claimId = o.ClaimId, claimGrantId = o.ClaimGrantId, paymentGrantId = o.PaymentDecisionId, o.Amount, o.PaymentReference, o.Settled }),
            });
        await db.SaveChangesAsync(ct);
        return new Made(file);
    }

    internal static Task<FileContentHttpResult> CsvAsync(
        AppDbContext db, CurrentUser me, IConfiguration configuration, TimeProvider time, int year, string? payerAccount, DateOnly? executionDate, CancellationToken ct) =>
        FileAsync(db, me, configuration, time, new Input(year, payerAccount, executionDate, FileFormat.Csv), ct);

    internal static Task<FileContentHttpResult> Pain001Async(
        AppDbContext db, CurrentUser me, IConfiguration configuration, TimeProvider time, int year, string? payerAccount, DateOnly? executionDate, CancellationToken ct) =>
        FileAsync(db, me, configuration, time, new Input(year, payerAccount, executionDate, FileFormat.Pain001), ct);

    private static async Task<FileContentHttpResult> FileAsync(
        AppDbContext db, CurrentUser me, IConfiguration configuration, TimeProvider time, Input input, CancellationToken ct)
    {
        var file = ((Made)await HandleAsync(db, me, configuration, time, input, ct)).File;
        return TypedResults.File(file.Content, file.ContentType, file.FileName);
    }

    /// <summary>The payment list as CSV, with the type and name it is downloaded under (from the API and the letters page alike).</summary>
    public static ExportFile CsvFile(PaymentList list, int year) =>
        new(PaymentCsv.Write(list), "text/csv; charset=utf-8", $"utbetalinger-{year.ToString(CultureInfo.InvariantCulture)}.csv");

    /// <summary>The bank file for the list; with nothing left to pay (everything marked paid) there is no file, and the reason is a 409, not a 500.</summary>
    public static ExportFile Pain001File(PaymentList list, int year, DateTimeOffset now)
    {
        if (list.Payments.All(p => p.Amount == 0))
        {
            throw new RuleViolationException(PaymentTexts.NoPaymentsLeft, "no-payments");
        }
        return new(Pain001.Write(list, MessageId(list.Payer.Id, year, now), now), "application/xml", $"pain001-{year.ToString(CultureInfo.InvariantCulture)}.xml");
    }

    public static string MessageId(string embeteId, int year, DateTimeOffset now) =>
        $"KTU-{year.ToString(CultureInfo.InvariantCulture)}-{embeteId[..Math.Min(8, embeteId.Length)].ToUpperInvariant()}-{now.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}";

    private static async Task<(PaymentList List, List<OffsetClaims.Deducted> Offsets)> PaymentsAsync(
        AppDbContext db, CurrentUser me, IConfiguration configuration, TimeProvider time, Input input, CancellationToken ct)
    {
        var embeteId = me.StaffEmbeteId;
        var year = input.Year;
        // Payments, like letters, follow only an approved allocation.
        if (!await db.AllocationRounds.AnyAsync(r => r.EmbeteId == embeteId && r.SchemeYear == year && r.Status == RoundStatus.Approved, ct))
        {
            throw new RuleViolationException(Format.Text(PaymentTexts.RoundNotApproved, year), "round-not-approved");
        }
        var account = string.IsNullOrWhiteSpace(input.PayerAccount) ? configuration[$"Payments:PayerAccounts:{embeteId}"] : input.PayerAccount;
        if (string.IsNullOrWhiteSpace(account))
        {
            throw new RuleViolationException(PaymentTexts.PayerAccountMissing, "payer-account-missing");
        }
        if (!AccountNumber.TryParse(account, out _, out var accountError))
        {
            throw new RuleViolationException(
                Format.Text(PaymentTexts.NoFileMade, Format.Text(PaymentTexts.PayerAccountUnusable, accountError)), "payer-account-invalid");
        }
        var embete = await db.Embeter.AsNoTracking().SingleAsync(e => e.Id == embeteId, ct);
        var paid = await db.GrantPayments.AsNoTracking().Where(p => p.EmbeteId == embeteId && p.SchemeYear == year)
            .Select(p => p.GrantDecisionId).ToListAsync(ct);
        var decisions = await db.GrantDecisions.AsNoTracking()
            .Where(d => d.EmbeteId == embeteId && d.SchemeYear == year && !paid.Contains(d.Id)).ToListAsync(ct);
        // Payee details (account, organisation number, address) changed after the decision and approved by the embete replace the decision's.
        var changed = await db.CurrentPayeesAsync(decisions.Select(d => d.Id).ToList(), ct);
        await EnsureAccountsAsSubmittedAsync(db, decisions, changed.Where(c => c.Value.AccountNumber is not null).Select(c => c.Key).ToHashSet(), ct);
        var now = time.GetUtcNow();
        var executionDate = input.ExecutionDate ?? NorwayTime.DateOf(now);
        var (offsets, deducted) = await OffsetClaims.DeductAsync(db, me, embeteId, decisions, executionDate, now, ct);
        var list = PaymentList.From(decisions, embete, account, executionDate, changed, offsets);
        if (list.Refused.Count > 0)
        {
            var rows = string.Join(" ", list.Refused.Select(r => $"{r.CaseReference} {r.RecipientName}: {r.Problem}"));
            throw new RuleViolationException(
                Format.Text(PaymentTexts.PaymentsRefused, list.Refused.Count.ToString(CultureInfo.InvariantCulture), rows), "payments-refused");
        }
        return (list, deducted);
    }

    /// <summary>
    /// Every account paid to is the one the applicant gave in the submitted application the decision was made on, or an
    /// account change the embete approved: a decision row altered in the database after approval must not redirect money.
    /// </summary>
    private static async Task EnsureAccountsAsSubmittedAsync(
        AppDbContext db, List<GrantDecision> decisions, HashSet<Guid> accountChanged, CancellationToken ct)
    {
        var toCheck = decisions.Where(d => d.AmountGranted > 0 && !accountChanged.Contains(d.Id)).ToList();
        var applicationIds = toCheck.Select(d => d.ApplicationId).ToList();
        var submissions = (await db.ApplicationSubmissions.AsNoTracking().Where(s => applicationIds.Contains(s.ApplicationId)).ToListAsync(ct))
            .ToLookup(s => s.ApplicationId);
        var mismatched = new List<string>();
        foreach (var d in toCheck.OrderBy(d => d.CaseReference, StringComparer.Ordinal))
        {
            // The snapshot in the case when the decision was made: the last one submitted before it.
            var submitted = submissions[d.ApplicationId].Where(s => s.SubmittedAt <= d.DecidedAt).MaxBy(s => s.Number)?.ReadSnapshot().Application.AccountNumber;
            if (submitted is null || !string.Equals(Mod11.Normalise(submitted), Mod11.Normalise(d.AccountNumber), StringComparison.Ordinal))
            {
                mismatched.Add($"{d.CaseReference} {d.ApplicantName}");
            }
        }
        if (mismatched.Count > 0)
        {
            throw new RuleViolationException(
                Format.Text(PaymentTexts.AccountNotAsSubmitted, mismatched.Count.ToString(CultureInfo.InvariantCulture), string.Join("; ", mismatched)),
                "account-not-as-submitted");
        }
    }
}
