using Ktu.Web.Domain.Applications;

namespace Ktu.Web.Domain.Rules;

/// <summary>
/// Submission is possible up to and including the deadline instant (<see cref="Deadline"/>). After it the
/// draft can still be saved, so nothing typed is lost, but it can no longer be sent.
/// </summary>
public static class ApplicationsCloseAtTheDeadline
{
    public const string Code = "deadline-passed";

    public static IEnumerable<ValidationIssue> Check(ApplicationContent application, ApplicationRuleContext context)
    {
        if (!context.IsBeforeDeadline)
        {
            yield return ValidationIssue.Error("", Code, Message(context.Deadline));
        }
    }

    public static string Message(DateTimeOffset deadline) =>
        Format.Text(RuleTexts.ApplicationsCloseAtTheDeadline_DeadlinePassed, Format.Deadline(deadline));
}
