namespace Ktu.Web.Domain.Reporting;

/// <summary>
/// The embete's decision on an applied transfer of unused funds to a later year (the next, unless the scheme year allows more
/// and the applicant chose another), with the letter sent. One per grant;
/// inserted once and never changed (Data/Interceptors/SubmissionsAreImmutable). An approved transfer adds the amount to the
/// embete's pot for that year as transferred money.
/// </summary>
public sealed class TransferDecision
{
    public const int MaxReasonLength = 2000;

    private TransferDecision()
    {
    }

    public Guid Id { get; private set; }
    public Guid GrantDecisionId { get; private set; }
    public Guid GrantReportId { get; private set; }
    public int OrganisationId { get; private set; }
    public string EmbeteId { get; private set; } = "";
    public int FromYear { get; private set; }
    public int ToYear { get; private set; }
    public long Amount { get; private set; }
    public bool Approved { get; private set; }
    public string? Reason { get; private set; }
    public string DecidedByUserId { get; private set; } = "";
    public string DecidedByName { get; private set; } = "";
    public DateTimeOffset DecidedAt { get; private set; }
    public byte[] LetterPdf { get; private set; } = [];
    public string LetterSha256 { get; private set; } = "";

    public static TransferDecision Make(GrantReport report, int toYear, long amount, bool approved, string? reason, Applications.Actor by, DateTimeOffset now, Func<TransferDecision, byte[]> letter)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        var decision = new TransferDecision
        {
            Id = Guid.NewGuid(),
            GrantDecisionId = report.GrantDecisionId,
            GrantReportId = report.Id,
            OrganisationId = report.OrganisationId,
            EmbeteId = report.EmbeteId,
            FromYear = report.SchemeYear,
            ToYear = toYear,
            Amount = amount,
            Approved = approved,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
            DecidedByUserId = by.UserId,
            DecidedByName = by.Name ?? by.Email ?? by.UserId,
            DecidedAt = now,
        };
        decision.LetterPdf = letter(decision);
        decision.LetterSha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(decision.LetterPdf));
        return decision;
    }
}
