using Ktu.Web.Domain.Applications;

namespace Ktu.Web.Domain.Reporting;

/// <summary>
/// What is missing or wrong in a report, with severity like the application's: errors stop the sending, never the saving;
/// warnings are told to the applicant and the embete. Pure: the same content, year and attachments give the same issues.
/// </summary>
public static class ReportRules
{
    public static IReadOnlyList<ValidationIssue> Check(
        ReportContent report, SchemeYear scheme, AuditorRequirement requirement, IReadOnlyCollection<AttachmentKind> attached)
    {
        var issues = new List<ValidationIssue>();
        for (var i = 0; i < report.Competence.Count; i++)
        {
            var c = report.Competence[i];
            var at = $"competence[{i}]";
            // Each of the three numbers has its own message, so a list of what is missing never says the same thing three times.
            Count(issues, c.Completed, at + ".completed", c.Label, ReportTexts.Rule_CompletedMissing, ReportTexts.Field_Completed);
            Count(issues, c.Ongoing, at + ".ongoing", c.Label, ReportTexts.Rule_OngoingMissing, ReportTexts.Field_Ongoing);
            Count(issues, c.DroppedOut, at + ".droppedOut", c.Label, ReportTexts.Rule_DroppedOutMissing, ReportTexts.Field_DroppedOut);
            if (c.Completed is >= 0 && c.Ongoing is >= 0 && c.DroppedOut is >= 0
                && c.Completed + c.Ongoing + c.DroppedOut is var sum && sum != c.PersonsGranted)
            {
                issues.Add(ValidationIssue.Warning(at, "persons-differ", Format.Text(ReportTexts.Rule_PersonsDiffer, c.Label, sum, c.PersonsGranted)));
            }
        }
        for (var i = 0; i < report.Bpa.Count; i++)
        {
            Count(issues, report.Bpa[i].PersonsTrained, $"bpa[{i}].personsTrained", report.Bpa[i].Label, ReportTexts.Rule_CountMissing, ReportTexts.Field_PersonsTrained);
        }
        for (var i = 0; i < report.Projects.Count; i++)
        {
            var p = report.Projects[i];
            var at = $"projects[{i}]";
            Text(issues, p.UserExperiences, at + ".userExperiences", p.Label, ReportTexts.Field_UserExperiences);
            Text(issues, p.ReducedCompensatingServices, at + ".reducedCompensatingServices", p.Label, ReportTexts.Field_ReducedCompensatingServices);
            Text(issues, p.QualitativeGains, at + ".qualitativeGains", p.Label, ReportTexts.Field_QualitativeGains);
            Text(issues, p.EconomicGains, at + ".economicGains", p.Label, ReportTexts.Field_EconomicGains);
            Text(issues, p.TransferValue, at + ".transferValue", p.Label, ReportTexts.Field_TransferValue);
            if (p.InnovationMethodUsed is null)
            {
                issues.Add(ValidationIssue.Error(at + ".innovationMethodUsed", "missing", Format.Text(ReportTexts.Rule_InnovationMethodAnswer, p.Label)));
            }
            else if (p.InnovationMethodUsed == true)
            {
                Text(issues, p.InnovationMethod, at + ".innovationMethod", p.Label, ReportTexts.Field_InnovationMethod);
            }
        }
        // Named by the date each figure is for, as the page labels them, so the two messages differ.
        Fte(issues, report.Staff.FteYearBefore, "staff.fteYearBefore", scheme.Year - 1);
        Fte(issues, report.Staff.FteGrantYear, "staff.fteGrantYear", scheme.Year);

        for (var i = 0; i < report.Accounts.Count; i++)
        {
            var a = report.Accounts[i];
            var at = $"accounts[{i}]";
            if (a.Spent is null)
            {
                issues.Add(ValidationIssue.Error(at + ".spent", "missing", Format.Text(ReportTexts.Rule_SpentMissing, a.Label)));
            }
            else if (a.Spent < 0)
            {
                issues.Add(ValidationIssue.Error(at + ".spent", "negative", Format.Text(ReportTexts.Rule_Negative, a.Label)));
            }
            else if (NeedsExplanation(a, scheme.ReportVariancePercent) && string.IsNullOrWhiteSpace(a.Explanation))
            {
                issues.Add(ValidationIssue.Error(at + ".explanation", "variance-unexplained",
                    Format.Text(ReportTexts.Rule_VarianceUnexplained, a.Label, Format.Nok(a.Variance!.Value), scheme.ReportVariancePercent)));
            }
        }

        if (report.Accounts.All(a => a.Spent is >= 0) && report.Unused > 0)
        {
            if (report.UnusedFunds is null)
            {
                issues.Add(ValidationIssue.Error("unusedFunds", "unused-choice", Format.Text(ReportTexts.Rule_UnusedChoice, Format.Nok(report.Unused))));
            }
            else if (report.UnusedFunds == UnusedFundsChoice.Transfer)
            {
                if (string.IsNullOrWhiteSpace(report.TransferReason))
                {
                    issues.Add(ValidationIssue.Error("transferReason", "transfer-reason", ReportTexts.Rule_TransferReason));
                }
                if (report.TransferToYear is { } to && !Rules.UnusedFundsMoveAtMostTheAllowedYears.Allows(scheme.Year, to, scheme.MaxTransferYears))
                {
                    var years = Rules.UnusedFundsMoveAtMostTheAllowedYears.TargetYears(scheme.Year, scheme.MaxTransferYears);
                    issues.Add(ValidationIssue.Error("transferToYear", "transfer-year",
                        Format.Text(ReportTexts.Rule_TransferYear, to, years[0], years[^1])));
                }
            }
        }

        if (report.AuditorStatementPostponed && !requirement.MayCoverTwoYears)
        {
            issues.Add(ValidationIssue.Error("auditorStatementPostponed", "postpone-not-allowed", ReportTexts.Rule_PostponeNotAllowed));
        }
        var postponed = requirement.IsPostponed(report.AuditorStatementPostponed);
        if (!requirement.IsMet(attached, report.AuditorStatementPostponed))
        {
            issues.Add(ValidationIssue.Warning("attachments", "evidence-missing", requirement.Evidence == AccountsEvidence.AuditorStatement
                ? ReportTexts.Rule_AuditorStatementMissing
                : ReportTexts.Rule_AccountsPrintMissing));
        }
        else if (postponed)
        {
            issues.Add(ValidationIssue.Info("auditorStatementPostponed", "statement-postponed", ReportTexts.Rule_StatementPostponed));
        }
        return issues;
    }

    /// <summary>True when the line's spending differs from the grant by more than the year's share (per cent of the granted amount).</summary>
    public static bool NeedsExplanation(AccountLine line, int variancePercent) =>
        line.Spent is { } spent && Math.Abs(spent - line.Granted) * 100 > (long)variancePercent * line.Granted;

    private static void Count(List<ValidationIssue> issues, int? value, string field, string label, string missing, string what)
    {
        if (value is null)
        {
            issues.Add(ValidationIssue.Error(field, "missing", Format.Text(missing, label)));
        }
        else if (value < 0)
        {
            issues.Add(ValidationIssue.Error(field, "negative", Format.Text(ReportTexts.Rule_CountNegative, label, what)));
        }
    }

    private static void Text(List<ValidationIssue> issues, string? value, string field, string label, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            issues.Add(ValidationIssue.Error(field, "missing", Format.Text(ReportTexts.Rule_TextMissing, what, label)));
        }
    }

    private static void Fte(List<ValidationIssue> issues, decimal? value, string field, int year)
    {
        if (value is null)
        {
            issues.Add(ValidationIssue.Error(field, "missing", Format.Text(ReportTexts.Rule_FteMissing, year)));
        }
        else if (value < 0)
        {
            issues.Add(ValidationIssue.Error(field, "negative", Format.Text(ReportTexts.Rule_FteNegative, year)));
        }
    }
}
