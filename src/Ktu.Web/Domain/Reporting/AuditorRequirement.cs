namespace Ktu.Web.Domain.Reporting;

/// <summary>What the report must have attached to its accounts.</summary>
public enum AccountsEvidence
{
    /// <summary>Below the threshold: a print of the (project) accounts.</summary>
    AccountsPrint = 1,
    /// <summary>At or above the threshold: a statement from an auditor (ISA 805).</summary>
    AuditorStatement = 2,
}

/// <summary>
/// The auditor rule of the regelverk: a statement from an auditor when the grant's parts summed reach the scheme year's
/// threshold ("over 200 000" in 2022, "fra 200 000 og mer" in 2025: the comparison is the year's), a print of the accounts
/// below it. When the grant is above the threshold but the year's spending is below it, one statement may cover two years.
/// </summary>
/// <param name="MayCoverTwoYears">The applicant may postpone the statement to next year's report, which then owes it.</param>
public sealed record AuditorRequirement(AccountsEvidence Evidence, bool MayCoverTwoYears)
{
    /// <param name="granted">The grant's parts summed, whole kroner.</param>
    /// <param name="spentThisYear">What the accounts show spent in the grant year, whole kroner.</param>
    public static AuditorRequirement For(long granted, long spentThisYear, long threshold, ThresholdComparison comparison)
    {
        if (!Reaches(granted, threshold, comparison))
        {
            return new(AccountsEvidence.AccountsPrint, MayCoverTwoYears: false);
        }
        return new(AccountsEvidence.AuditorStatement, MayCoverTwoYears: !Reaches(spentThisYear, threshold, comparison));
    }

    /// <param name="statementOwed">Last year's report postponed its statement to this one, which then needs it whatever its amounts.</param>
    public static AuditorRequirement For(SchemeYear scheme, long granted, long spentThisYear, bool statementOwed = false) =>
        statementOwed
            ? new(AccountsEvidence.AuditorStatement, MayCoverTwoYears: false)
            : For(granted, spentThisYear, scheme.AuditorThreshold, scheme.AuditorComparison);

    /// <summary>The attachment that satisfies the requirement.</summary>
    public AttachmentKind Kind => Evidence == AccountsEvidence.AuditorStatement ? AttachmentKind.AuditorStatement : AttachmentKind.AccountsPrint;

    /// <summary>The report postponed the statement, and this is the two-year case that allows it.</summary>
    public bool IsPostponed(bool postponed) => postponed && MayCoverTwoYears;

    /// <summary>The required document is attached, or postponed where that is allowed.</summary>
    public bool IsMet(IEnumerable<AttachmentKind> attached, bool postponed) => attached.Contains(Kind) || IsPostponed(postponed);

    private static bool Reaches(long amount, long threshold, ThresholdComparison comparison) => comparison switch
    {
        ThresholdComparison.Above => amount > threshold,
        _ => amount >= threshold,
    };
}
