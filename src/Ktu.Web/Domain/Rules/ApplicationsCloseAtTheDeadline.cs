using System.Globalization;
using Ktu.Web.Domain.Applications;

namespace Ktu.Web.Domain.Rules;

/// <summary>
/// Submission is possible up to and including the deadline instant (<see cref="Deadline"/>). After it the
/// draft can still be saved, so nothing typed is lost, but it can no longer be sent.
/// </summary>
public static class ApplicationsCloseAtTheDeadline
{
    private static readonly TimeZoneInfo Oslo = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");

    public const string Code = "deadline-passed";

    public static IEnumerable<ValidationIssue> Check(ApplicationContent application, ApplicationRuleContext context)
    {
        if (!context.IsBeforeDeadline)
        {
            yield return ValidationIssue.Error("", Code, Message(context.Deadline));
        }
    }

    public static string Message(DateTimeOffset deadline) =>
        $"Søknadsfristen gikk ut {InNorway(deadline)}. Det du har skrevet er lagret, men søknaden kan ikke sendes inn lenger. Ta kontakt med Statsforvalteren hvis du mener dette er feil.";

    public static string InNorway(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, Oslo).ToString("d. MMMM yyyy 'kl.' HH:mm", CultureInfo.GetCultureInfo("nb-NO"));
}
