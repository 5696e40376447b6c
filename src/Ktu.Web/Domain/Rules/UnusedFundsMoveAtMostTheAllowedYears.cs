namespace Ktu.Web.Domain.Rules;

/// <summary>
/// Unused money may be transferred, on application, to a later year: "as a rule one year" (Regelverk), more when the scheme
/// year allows it (the pandemic years did), set per year as <see cref="SchemeYear.MaxTransferYears"/>. The applicant chooses the
/// year; without a choice it is the next one.
/// </summary>
public static class UnusedFundsMoveAtMostTheAllowedYears
{
    /// <summary>The highest setting the directorate may give a year.</summary>
    public const int MaxSetting = 5;

    /// <summary>The years money granted in <paramref name="fromYear"/> may go to, earliest first.</summary>
    public static IReadOnlyList<int> TargetYears(int fromYear, int maxYears) =>
        Enumerable.Range(fromYear + 1, Math.Clamp(maxYears, 1, MaxSetting)).ToList();

    public static bool Allows(int fromYear, int toYear, int maxYears) => TargetYears(fromYear, maxYears).Contains(toYear);

    /// <summary>The year the applicant chose, or the next year when none was chosen.</summary>
    public static int TargetOf(int fromYear, int? chosen) => chosen ?? fromYear + 1;
}
