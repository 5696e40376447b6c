using System.Text.RegularExpressions;
using Ktu.Web.Domain.Applications;

namespace Ktu.Web.Domain.Rules;

/// <summary>
/// Text is stored exactly as typed and always shown as plain text, never run as HTML or script.
/// Markup in a field is almost always pasted by mistake, so the user is told how it will look.
/// </summary>
public static partial class TextIsShownAsTyped
{
    // Non-backtracking: linear in the text's length. With backtracking, "<a" repeated 100 000 times (200 000 characters, which a
    // field may hold today) ran into the timeout, so a save spent 200 ms on the field and the text was called markup.
    [GeneratedRegex(@"<\s*/?\s*[a-zA-Z!][^>]*>|javascript\s*:|\bon[a-z]+\s*=", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, matchTimeoutMilliseconds: 200)]
    private static partial Regex Markup();

    public static IEnumerable<ValidationIssue> Check(ApplicationContent application, ApplicationRuleContext context)
    {
        foreach (var text in ApplicationFields.Texts(application))
        {
            if (text.Value is { Length: > 0 } value && ContainsMarkup(value))
            {
                yield return ValidationIssue.Warning(text.Path, "text-contains-markup",
                    RuleTexts.TextIsShownAsTyped_TextContainsMarkup);
            }
        }
    }

    internal static bool ContainsMarkup(string value)
    {
        try
        {
            return Markup().IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            return true;
        }
    }
}
