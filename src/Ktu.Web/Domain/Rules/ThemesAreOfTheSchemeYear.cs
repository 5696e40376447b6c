using Ktu.Web.Domain.Applications;

namespace Ktu.Web.Domain.Rules;

/// <summary>Project themes are chosen from the scheme year's list; several are allowed, each once.</summary>
public static class ThemesAreOfTheSchemeYear
{
    public static IEnumerable<ValidationIssue> Check(ApplicationContent application, ApplicationRuleContext context)
    {
        var known = context.Scheme.Themes.Select(t => t.Code).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < application.Projects.Count; i++)
        {
            var themes = application.Projects[i].Themes;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var t = 0; t < themes.Count; t++)
            {
                var field = $"projects[{i}].themes[{t}]";
                if (string.IsNullOrWhiteSpace(themes[t]) || !known.Contains(themes[t]))
                {
                    yield return ValidationIssue.Error(field, "theme-unknown",
                        Format.Text(RuleTexts.ThemesAreOfTheSchemeYear_ThemeUnknown, context.Scheme.Year));
                }
                else if (!seen.Add(themes[t]))
                {
                    yield return ValidationIssue.Warning(field, "theme-repeated", RuleTexts.ThemesAreOfTheSchemeYear_ThemeRepeated);
                }
            }
        }
    }
}
