using Ktu.Web.Domain;
using Ktu.Web.Domain.Reporting;
using Ktu.Web.Web;

namespace Ktu.Web.Features.Reporting;

/// <summary>
/// Input no report can hold (a 100 000-line list, a text of a million characters, an absurd number) is refused before
/// anything is read or saved; everything else is saved as typed and judged by <see cref="ReportRules"/>.
/// </summary>
internal static class ReportShape
{
    public const int MaxText = 4000;
    public const int MaxLines = 200;
    private const long MaxAmount = 1_000_000_000_000;
    private const int MaxCount = 1_000_000;
    private const decimal MaxFte = 10_000_000;

    public static FieldErrors Check(ReportContent? report)
    {
        var errors = new FieldErrors();
        if (report is null)
        {
            errors.Add("report", ReportingTexts.Shape_Missing);
            return errors;
        }
        if (report.Competence.Count > MaxLines || report.Bpa.Count > MaxLines || report.Projects.Count > MaxLines || report.Accounts.Count > MaxLines)
        {
            errors.Add("report", Format.Text(ReportingTexts.Shape_TooManyLines, MaxLines));
            return errors;
        }
        for (var i = 0; i < report.Competence.Count; i++)
        {
            var c = report.Competence[i];
            CountIn(errors, $"competence[{i}].completed", c.Completed);
            CountIn(errors, $"competence[{i}].ongoing", c.Ongoing);
            CountIn(errors, $"competence[{i}].droppedOut", c.DroppedOut);
        }
        for (var i = 0; i < report.Bpa.Count; i++)
        {
            CountIn(errors, $"bpa[{i}].personsTrained", report.Bpa[i].PersonsTrained);
        }
        for (var i = 0; i < report.Projects.Count; i++)
        {
            var p = report.Projects[i];
            TextIn(errors, $"projects[{i}].userExperiences", p.UserExperiences);
            TextIn(errors, $"projects[{i}].reducedCompensatingServices", p.ReducedCompensatingServices);
            TextIn(errors, $"projects[{i}].qualitativeGains", p.QualitativeGains);
            TextIn(errors, $"projects[{i}].economicGains", p.EconomicGains);
            TextIn(errors, $"projects[{i}].transferValue", p.TransferValue);
            TextIn(errors, $"projects[{i}].innovationMethod", p.InnovationMethod);
        }
        for (var i = 0; i < report.Accounts.Count; i++)
        {
            var a = report.Accounts[i];
            if (a.Spent is < -MaxAmount or > MaxAmount)
            {
                errors.Add($"accounts[{i}].spent", ReportingTexts.Shape_NumberOutOfRange);
            }
            TextIn(errors, $"accounts[{i}].explanation", a.Explanation);
        }
        foreach (var (field, fte) in new[] { ("staff.fteYearBefore", report.Staff?.FteYearBefore), ("staff.fteGrantYear", report.Staff?.FteGrantYear) })
        {
            if (fte is < -MaxFte or > MaxFte)
            {
                errors.Add(field, ReportingTexts.Shape_NumberOutOfRange);
            }
        }
        TextIn(errors, "staff.comment", report.Staff?.Comment);
        TextIn(errors, "transferReason", report.TransferReason);
        TextIn(errors, "comment", report.Comment);
        if (report.UnusedFunds is { } choice && !Enum.IsDefined(choice))
        {
            errors.Add("unusedFunds", ReportingTexts.Shape_UnusedChoiceUnknown);
        }
        return errors;
    }

    private static void CountIn(FieldErrors errors, string field, int? value)
    {
        if (value is < -MaxCount or > MaxCount)
        {
            errors.Add(field, ReportingTexts.Shape_NumberOutOfRange);
        }
    }

    private static void TextIn(FieldErrors errors, string field, string? value)
    {
        if (value is { Length: > MaxText })
        {
            errors.Add(field, Format.Text(ReportingTexts.Shape_TextTooLong, MaxText));
        }
    }
}
