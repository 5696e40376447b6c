using Ktu.Web.Domain;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Web;

namespace Ktu.Web.Features.Applications;

/// <summary>
/// Input-shape limits: sizes no real application reaches. Breaking one gives 400 and saves nothing,
/// so the stored draft stays as it was. Everything within the limits is saved as typed, even when
/// wrong, and the rules report it as issues.
/// </summary>
internal static class DraftShape
{
    public const int ShortTextMax = 500;
    public const int LongTextMax = 20_000;
    /// <summary>All texts of one application together (about 60 pages), so one applicant cannot make every read and PDF heavy.</summary>
    public const int ApplicationTextMax = 150_000;
    public const long AmountMax = 1_000_000_000;
    public const long PersonsMax = 100_000;
    public const int CompetenceMeasuresMax = 50;
    public const int BpaTrainingsMax = 10;
    /// <summary>Far above the scheme's five, so a sixth project is saved and reported, not refused.</summary>
    public const int ProjectsMax = 20;
    public const int ThemesMax = 30;
    public const int BudgetLinesMax = 50;

    public static Dictionary<string, string[]> Check(ApplicationInput input)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (input.Version is null)
        {
            errors["version"] = [ApplicationTexts.Shape_VersionMissing];
        }
        var listsTooLong =
            Count(errors, "competenceMeasures", input.CompetenceMeasures?.Count, CompetenceMeasuresMax)
            | Count(errors, "bpaTrainings", input.BpaTrainings?.Count, BpaTrainingsMax)
            | Count(errors, "projects", input.Projects?.Count, ProjectsMax);
        if (listsTooLong)
        {
            return errors; // do not walk absurdly long lists
        }
        var content = input.ToContent();
        for (var i = 0; i < content.Projects.Count; i++)
        {
            Count(errors, $"projects[{i}].themes", content.Projects[i].Themes.Count, ThemesMax);
            Count(errors, $"projects[{i}].budget", content.Projects[i].Budget.Count, BudgetLinesMax);
        }
        foreach (var text in ApplicationFields.Texts(content))
        {
            var max = text.Kind == TextKind.Paragraph ? LongTextMax : ShortTextMax;
            if (text.Value is { } value && value.Length > max)
            {
                errors[text.Path] = [Format.Text(ApplicationTexts.Shape_TextTooLong, value.Length, max)];
            }
        }
        var totalText = ApplicationFields.Texts(content).Sum(t => (long)(t.Value?.Length ?? 0));
        if (totalText > ApplicationTextMax)
        {
            errors[""] = [Format.Text(ApplicationTexts.Shape_TooMuchText, totalText.ToString("#,0", Format.Norwegian), ApplicationTextMax.ToString("#,0", Format.Norwegian))];
        }
        foreach (var number in ApplicationFields.Numbers(content))
        {
            var max = number.IsPersons ? PersonsMax : AmountMax;
            if (number.Value is { } value && (value > max || value < -max))
            {
                errors[number.Path] = [number.IsPersons
                    ? Format.Text(ApplicationTexts.Shape_TooManyPersons, value, max)
                    : Format.Text(ApplicationTexts.Shape_AmountTooLarge, Format.Nok(value), Format.Nok(max))];
            }
        }
        return errors;
    }

    private static bool Count(Dictionary<string, string[]> errors, string field, int? count, int max)
    {
        if (count > max)
        {
            errors[field] = [Format.Text(ApplicationTexts.Shape_ListTooLong, count, max)];
            return true;
        }
        return false;
    }
}
