using Ktu.Web.Domain;
using Ktu.Web.Domain.Reporting;
using Ktu.Web.Web;

namespace Ktu.Web.Features.Reporting;

/// <summary>When the applicant may change and send the report: before the embete approves it, and in the window or after a send-back.</summary>
internal static class ReportRulesOfWriting
{
    public static void EnsureWritable(ReportView view)
    {
        if (!view.IsEditable)
        {
            throw new RuleViolationException(ReportingTexts.Write_Approved, "report-approved");
        }
        if (view.WindowAllowsWriting)
        {
            return;
        }
        if (view.Today < view.Window.Opens)
        {
            throw new RuleViolationException(Format.Text(ReportingTexts.Write_NotOpen, Format.Date(view.Window.Opens)), "report-not-open");
        }
        throw new RuleViolationException(Format.Text(ReportingTexts.Write_DeadlinePassed, Format.Date(view.Window.Deadline)), "report-deadline-passed");
    }
}
