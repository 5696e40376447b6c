namespace Ktu.Web.Domain.Rules;

/// <summary>
/// An allocation is approved only after the application deadline has passed (the embete's own for the year if set,
/// else the year's), so no application can come in after the decisions and be stranded behind them (issue 16).
/// </summary>
public static class ApprovalWaitsForTheDeadline
{
    public static bool Allows(SchemeYear scheme, Pot? pot, DateTimeOffset now) => !Deadline.IsOpen(scheme, pot, now);
}
