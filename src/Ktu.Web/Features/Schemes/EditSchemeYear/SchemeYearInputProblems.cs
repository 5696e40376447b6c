using System.Text.RegularExpressions;
using Ktu.Web.Documents;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Decisions;
using Ktu.Web.Web;

namespace Ktu.Web.Features.Schemes;

/// <summary>The input checks of <see cref="EditSchemeYear"/>: each wrong field gets its Norwegian message, and nothing is changed.</summary>
internal static partial class EditSchemeYear
{
    [GeneratedRegex("^[a-z0-9-]{1,40}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex CodePattern();

    internal static FieldErrors Problems(SchemeYear scheme, SchemeYearInput input)
    {
        var e = new FieldErrors();
        Text(e, "name", input.Name, MaxName);
        Text(e, "goalText", input.GoalText, MaxGoal);
        Text(e, "projectPartName", input.ProjectPartName, MaxName);
        var deadline = input.ApplicationDeadline ?? NorwayTime.DateOf(scheme.ApplicationDeadline);
        var report = input.ReportDeadline ?? scheme.ReportDeadline;
        if (deadline.Year != scheme.Year)
        {
            e.Add("applicationDeadline", Format.Text(SchemeTexts.Edit_DeadlineInYear, scheme.Year));
        }
        if (report <= deadline || report.Year > scheme.Year + 1)
        {
            e.Add("reportDeadline", Format.Text(SchemeTexts.Edit_ReportDeadlineFrame, scheme.Year + 1));
        }
        if (input.MaxProjects is < 0 or > MaxProjectsLimit)
        {
            e.Add("maxProjects", Format.Text(SchemeTexts.Edit_MaxProjects, MaxProjectsLimit));
        }
        if (input.AuditorThreshold is < 0 or > AllocationSettings.MaxAmount)
        {
            e.Add("auditorThreshold", Format.Text(SchemeTexts.Edit_Amount, Format.Nok(AllocationSettings.MaxAmount)));
        }
        if (input.AuditorComparison is { } c && SchemeCodes.ComparisonOf(c) is null)
        {
            e.Add("auditorComparison", SchemeTexts.Edit_Comparison);
        }
        if (input.ReportVariancePercent is < 0 or > 100)
        {
            e.Add("reportVariancePercent", SchemeTexts.Edit_Variance);
        }
        if (input.MaxTransferYears is < 1 or > Domain.Rules.UnusedFundsMoveAtMostTheAllowedYears.MaxSetting)
        {
            e.Add("maxTransferYears", Format.Text(SchemeTexts.Edit_MaxTransferYears, Domain.Rules.UnusedFundsMoveAtMostTheAllowedYears.MaxSetting));
        }
        if (input.DistrictFromCentrality is < 1 or > 6)
        {
            e.Add("districtFromCentrality", SchemeTexts.Edit_District);
        }
        var educationCodes = input.EducationTypes is { } types
            ? Listed(e, "educationTypes", types.Select(t => (t.Code, t.Name)).ToList())
            : scheme.EducationTypes.Select(t => t.Code).ToHashSet(StringComparer.Ordinal);
        var themeCodes = input.Themes is { } themes
            ? Listed(e, "themes", themes.Select(t => (t.Code, t.Name)).ToList())
            : scheme.Themes.Select(t => t.Code).ToHashSet(StringComparer.Ordinal);
        var earmarked = input.Themes is { } ts
            ? ts.Where(t => t.Earmarked && t.Code is not null).Select(t => t.Code!).ToHashSet(StringComparer.Ordinal)
            : scheme.Themes.Where(t => t.Earmarked).Select(t => t.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var used in scheme.Pots.SelectMany(p => p.Earmarks).Select(m => m.ThemeCode).Distinct(StringComparer.Ordinal).Where(code => !earmarked.Contains(code)))
        {
            e.Add("themes", Format.Text(SchemeTexts.Edit_EarmarkInUse, used));
        }
        if (input.ApplicantRules is { } rules)
        {
            ApplicantRules(e, rules, educationCodes);
        }
        else if (input.EducationTypes is not null)
        {
            foreach (var missing in scheme.ApplicantRules.SelectMany(r => r.OnlyEducationTypes).Where(code => !educationCodes.Contains(code)).Distinct(StringComparer.Ordinal))
            {
                e.Add("educationTypes", Format.Text(SchemeTexts.Edit_EducationTypeInUse, missing));
            }
        }
        if (input.AllocationDefaults is { } d)
        {
            foreach (var (field, message) in Defaults(d).Problems())
            {
                e.Add("allocationDefaults." + field, message);
            }
        }
        if (input.FixedLetterTexts is { } texts)
        {
            LetterTexts(e, texts);
        }
        return e;
    }

    private static void Text(FieldErrors e, string field, string? value, int max)
    {
        if (value is null)
        {
            return;
        }
        if (string.IsNullOrWhiteSpace(value))
        {
            e.Add(field, SchemeTexts.Edit_Required);
        }
        else if (value.Trim().Length > max)
        {
            e.Add(field, Format.Text(SchemeTexts.Edit_TooLong, max));
        }
    }

    /// <summary>Checks a list of coded entries (education types, themes) and returns its codes.</summary>
    private static HashSet<string> Listed(FieldErrors e, string field, List<(string? Code, string? Name)> items)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        if (items.Count is 0 or > MaxListItems)
        {
            e.Add(field, Format.Text(SchemeTexts.Edit_ListSize, MaxListItems));
        }
        for (var i = 0; i < items.Count && i < MaxListItems; i++)
        {
            var (code, name) = items[i];
            if (code is null || !CodePattern().IsMatch(code))
            {
                e.Add($"{field}[{i}].code", SchemeTexts.Edit_Code);
            }
            else if (!codes.Add(code))
            {
                e.Add($"{field}[{i}].code", Format.Text(SchemeTexts.Edit_CodeTwice, code));
            }
            Text(e, $"{field}[{i}].name", name ?? "", 300);
        }
        return codes;
    }

    private static void ApplicantRules(FieldErrors e, List<ApplicantRuleInput> rules, HashSet<string> educationCodes)
    {
        var kinds = new HashSet<OrganisationKind>();
        for (var i = 0; i < rules.Count && i < MaxListItems; i++)
        {
            var r = rules[i];
            if (SchemeCodes.KindOf(r.ApplicantType) is not { } kind)
            {
                e.Add($"applicantRules[{i}].applicantType", SchemeTexts.Edit_ApplicantType);
            }
            else if (!kinds.Add(kind))
            {
                e.Add($"applicantRules[{i}].applicantType", SchemeTexts.Edit_ApplicantTypeTwice);
            }
            if ((r.Parts ?? []).Any(p => SchemeCodes.PartOf(p) is null))
            {
                e.Add($"applicantRules[{i}].parts", SchemeTexts.Edit_Parts);
            }
            if ((r.OnlyEducationTypes ?? []).FirstOrDefault(code => !educationCodes.Contains(code)) is { } unknown)
            {
                e.Add($"applicantRules[{i}].onlyEducationTypes", Format.Text(SchemeTexts.Edit_EducationTypeUnknown, unknown));
            }
        }
        if (rules.Count > MaxListItems || !rules.Any(r => (r.Parts ?? []).Count > 0))
        {
            e.Add("applicantRules", SchemeTexts.Edit_NobodyMayApply);
        }
    }

    private static void LetterTexts(FieldErrors e, Dictionary<string, string> texts)
    {
        foreach (var (field, text) in texts)
        {
            if (!GrantLetterFixedTexts.FieldNames.Contains(field, StringComparer.Ordinal))
            {
                e.Add($"fixedLetterTexts.{field}", SchemeTexts.Edit_LetterFieldUnknown);
            }
            else if (string.IsNullOrWhiteSpace(text) || text.Length > MaxLetterText)
            {
                e.Add($"fixedLetterTexts.{field}", Format.Text(SchemeTexts.Edit_LetterText, MaxLetterText));
            }
            else if (LetterPlaceholders.Unknown(text) is { Count: > 0 } unknown)
            {
                e.Add($"fixedLetterTexts.{field}", Format.Text(SchemeTexts.Edit_LetterCodes, string.Join(", ", unknown.Select(u => "{" + u + "}"))));
            }
        }
    }
}
