namespace Ktu.Web.Domain.Reporting;

/// <summary>
/// When a grant's report can be written: from the embete's opening day (1 January after the scheme year unless the embete set
/// one) to the report deadline the grant letter gave (the embete's, else the scheme year's). Both days count.
/// </summary>
public sealed record ReportWindow(DateOnly Opens, DateOnly Deadline)
{
    public static ReportWindow For(SchemeYear scheme, Pot? pot) =>
        new(pot?.ReportOpensOn ?? new DateOnly(scheme.Year + 1, 1, 1), pot?.ReportDeadline ?? scheme.ReportDeadline);

    public bool IsOpenOn(DateOnly day) => day >= Opens && day <= Deadline;

    public bool IsPastOn(DateOnly day) => day > Deadline;
}
