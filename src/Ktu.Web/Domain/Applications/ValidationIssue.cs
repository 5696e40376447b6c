namespace Ktu.Web.Domain.Applications;

/// <summary>
/// Something the applicant should know about the draft. Errors block submission, never saving.
/// <paramref name="Field"/> is a path in the document ("competenceMeasures[0].amount"; "" for the whole).
/// </summary>
public sealed record ValidationIssue(IssueSeverity Severity, string Field, string Code, string Message)
{
    public static ValidationIssue Error(string field, string code, string message) => new(IssueSeverity.Error, field, code, message);
    public static ValidationIssue Warning(string field, string code, string message) => new(IssueSeverity.Warning, field, code, message);
    public static ValidationIssue Info(string field, string code, string message) => new(IssueSeverity.Info, field, code, message);
}
