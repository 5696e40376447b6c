using Ktu.Web.Documents;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Domain.Rules;

namespace Ktu.Web.Features.GrantLetters;

/// <summary>
/// What an embete may change in a letter template: its own greeting, contact line and closing, within
/// a length and with known merge codes only. The facts and the national texts stay as they were.
/// </summary>
internal static class GrantLetterTemplateRules
{
    /// <summary>Longest national text; the longest default is about 1 000 letters.</summary>
    public const int MaxFixed = 4000;

    /// <summary>Issues with an embete's edit of <paramref name="current"/>; an error means the edit must not be saved.</summary>
    public static IReadOnlyList<ValidationIssue> CheckEdit(GrantLetterTemplate current, GrantLetterTemplate edited)
    {
        var issues = new List<ValidationIssue>();
        if (current.FormatVersion != edited.FormatVersion || current.SchemeYear != edited.SchemeYear
            || current.SchemeName != edited.SchemeName || current.ReportDeadline != edited.ReportDeadline
            || current.AuditorThreshold != edited.AuditorThreshold || current.AuditorComparison != edited.AuditorComparison)
        {
            issues.Add(ValidationIssue.Error("", "template-facts-fixed", LetterTexts.TemplateFactsFixed));
        }
        foreach (var (field, before, after) in FixedFields(current.Fixed).Zip(FixedFields(edited.Fixed), (a, b) => (a.Field, a.Text, b.Text)))
        {
            if (!string.Equals(before, after, StringComparison.Ordinal))
            {
                issues.Add(ValidationIssue.Error("fixed." + field, "template-text-fixed", LetterTexts.TemplateTextFixed));
            }
        }
        issues.AddRange(CheckEmbeteTexts(edited.Embete));
        return issues;
    }

    /// <summary>Issues with a whole template, as the directorate's texts are set up for a new scheme year.</summary>
    public static IReadOnlyList<ValidationIssue> Check(GrantLetterTemplate template)
    {
        var issues = new List<ValidationIssue>();
        foreach (var (field, text) in FixedFields(template.Fixed))
        {
            issues.AddRange(CheckText("fixed." + field, text, MaxFixed, required: true));
        }
        issues.AddRange(CheckEmbeteTexts(template.Embete));
        return issues;
    }

    public static IEnumerable<ValidationIssue> CheckEmbeteTexts(GrantLetterEmbeteTexts texts) =>
        CheckText("embete.greeting", texts.Greeting, GrantLetterEmbeteTexts.MaxGreeting, required: false)
            .Concat(CheckText("embete.contact", texts.Contact, GrantLetterEmbeteTexts.MaxContact, required: false))
            .Concat(CheckText("embete.closing", texts.Closing, GrantLetterEmbeteTexts.MaxClosing, required: true));

    private static IEnumerable<ValidationIssue> CheckText(string field, string? text, int max, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                yield return ValidationIssue.Error(field, "template-text-missing", LetterTexts.TemplateTextMissing);
            }
            yield break;
        }
        if (text.Length > max)
        {
            yield return ValidationIssue.Error(field, "template-text-too-long", Format.Text(LetterTexts.TemplateTextTooLong, text.Length, max));
        }
        var unknown = LetterPlaceholders.Unknown(text);
        if (unknown.Count > 0)
        {
            yield return ValidationIssue.Error(field, "template-unknown-code",
                Format.Text(LetterTexts.TemplateUnknownCode, Codes(unknown), Codes(LetterPlaceholders.Known)));
        }
        if (TextIsShownAsTyped.ContainsMarkup(text))
        {
            yield return ValidationIssue.Warning(field, "template-text-markup", LetterTexts.TemplateTextMarkup);
        }
    }

    /// <summary>"{ordning}, {ordningsår}": merge codes as they are typed.</summary>
    public static string Codes(IEnumerable<string> keys) => string.Join(", ", keys.Select(k => "{" + k + "}"));

    private static IEnumerable<(string Field, string Text)> FixedFields(GrantLetterFixedTexts t) =>
    [
        ("grantDecision", t.GrantDecision),
        ("refusalDecision", t.RefusalDecision),
        ("purpose", t.Purpose),
        ("useOfFunds", t.UseOfFunds),
        ("reporting", t.Reporting),
        ("auditorRequired", t.AuditorRequired),
        ("accountsWithoutAuditor", t.AccountsWithoutAuditor),
        ("transferAndRepayment", t.TransferAndRepayment),
        ("controlAndSanctions", t.ControlAndSanctions),
        ("payment", t.Payment),
        ("accountChange", t.AccountChange),
        ("noAppeal", t.NoAppeal),
    ];
}
