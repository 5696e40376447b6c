using System.Globalization;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Domain.Reporting;

namespace Ktu.Web.Documents;

/// <summary>
/// The copy of a sent report as the applicant and the embete file it: who sent it to whom and when, the checksum of the
/// stored copy, the results line by line, the accounts against the grant, unused funds and the attachments' checksums.
/// Rendered from the stored snapshot, so it always shows what was sent. Texts in ReportPdfTexts.resx.
/// </summary>
internal static class ReportPdf
{
    private static readonly PdfColumn[] ResultColumns =
        [new(PdfFlow.TextWidth - 280), new(70, CellAlign.Right), new(70, CellAlign.Right), new(70, CellAlign.Right), new(70, CellAlign.Right)];
    private static readonly PdfColumn[] AccountColumns =
        [new(PdfFlow.TextWidth - 300), new(100, CellAlign.Right), new(100, CellAlign.Right), new(100, CellAlign.Right)];
    private static readonly PdfColumn[] TwoColumns = [new(PdfFlow.TextWidth - 120), new(120, CellAlign.Right)];

    public static byte[] Render(ReportSnapshot s, string sha256, bool replaced)
    {
        var title = Format.Text(ReportPdfTexts.Title, s.SchemeYear);
        using var pdf = new PdfFlow(new PdfMetadata(title, s.Organisation.Name, Format.Text(ReportPdfTexts.Subject, s.Reference), s.SubmittedAt));
        pdf.Title(title);
        if (replaced)
        {
            pdf.Paragraph(ReportPdfTexts.Replaced, bold: true);
        }
        pdf.Space();
        pdf.Field(ReportPdfTexts.Reference, s.Reference);
        pdf.Field(ReportPdfTexts.CaseReference, s.CaseReference);
        pdf.Field(ReportPdfTexts.SubmittedAt, Format.Deadline(s.SubmittedAt));
        if (s.Number > 1)
        {
            pdf.Field(ReportPdfTexts.SubmissionNumber, s.Number.ToString(CultureInfo.InvariantCulture));
        }
        pdf.Field(ReportPdfTexts.Sender, Format.Text(ReportPdfTexts.SenderValue, s.Organisation.Name, s.Organisation.Id));
        pdf.Field(ReportPdfTexts.SubmittedBy, s.SubmittedBy);
        pdf.Field(ReportPdfTexts.Receiver, s.ReceivingEmbete.Name);
        pdf.Text(ReportPdfTexts.Checksum, sha256);

        var r = s.Report;
        if (r.Competence.Count > 0)
        {
            pdf.Heading(ReportPdfTexts.Competence);
            pdf.Table(ResultColumns, [ReportPdfTexts.Line, ReportPdfTexts.PersonsGranted, ReportPdfTexts.Completed, ReportPdfTexts.Ongoing, ReportPdfTexts.DroppedOut], bold: true);
            foreach (var c in r.Competence)
            {
                pdf.Table(ResultColumns, [c.Label, N(c.PersonsGranted), N(c.Completed), N(c.Ongoing), N(c.DroppedOut)]);
            }
        }
        if (r.Bpa.Count > 0)
        {
            pdf.Heading(ReportPdfTexts.Bpa);
            foreach (var b in r.Bpa)
            {
                pdf.Table(TwoColumns, [b.Label, Format.Text(ReportPdfTexts.Trained, N(b.PersonsTrained), b.PersonsGranted)]);
            }
        }
        foreach (var p in r.Projects)
        {
            pdf.Heading(p.Label);
            pdf.Text(ReportPdfTexts.UserExperiences, p.UserExperiences);
            pdf.Text(ReportPdfTexts.ReducedCompensatingServices, p.ReducedCompensatingServices);
            pdf.Text(ReportPdfTexts.QualitativeGains, p.QualitativeGains);
            pdf.Text(ReportPdfTexts.EconomicGains, p.EconomicGains);
            pdf.Text(ReportPdfTexts.TransferValue, p.TransferValue);
            pdf.Field(ReportPdfTexts.InnovationMethodUsed, p.InnovationMethodUsed switch { true => ReportPdfTexts.Yes, false => ReportPdfTexts.No, null => null });
            pdf.Text(ReportPdfTexts.InnovationMethod, p.InnovationMethod);
        }
        pdf.Heading(ReportPdfTexts.Staff);
        pdf.Field(ReportPdfTexts.FteYearBefore, F(r.Staff.FteYearBefore));
        pdf.Field(ReportPdfTexts.FteGrantYear, F(r.Staff.FteGrantYear));
        pdf.Field(ReportPdfTexts.FteChange, F(r.Staff.Change));
        pdf.Text(ReportPdfTexts.Comment, r.Staff.Comment);

        pdf.Heading(ReportPdfTexts.Accounts);
        pdf.Table(AccountColumns, [ReportPdfTexts.Line, ReportPdfTexts.Granted, ReportPdfTexts.Spent, ReportPdfTexts.Variance], bold: true);
        foreach (var a in r.Accounts)
        {
            pdf.Table(AccountColumns, [a.Label, Format.Nok(a.Granted), a.Spent is { } sp ? Format.Nok(sp) : "–", a.Variance is { } v ? Format.Nok(v) : "–"]);
            if (!string.IsNullOrWhiteSpace(a.Explanation))
            {
                pdf.Text(ReportPdfTexts.Explanation, a.Explanation);
            }
        }
        pdf.Table(AccountColumns, [ReportPdfTexts.Total, Format.Nok(s.Granted), Format.Nok(s.Spent), Format.Nok(s.Spent - s.Granted)], bold: true);
        pdf.Field(ReportPdfTexts.Unused, Format.Nok(s.Unused));
        if (s.Unused > 0)
        {
            pdf.Field(ReportPdfTexts.UnusedChoice, r.UnusedFunds switch
            {
                UnusedFundsChoice.Transfer => ReportPdfTexts.ChoiceTransfer,
                UnusedFundsChoice.Repay => ReportPdfTexts.ChoiceRepay,
                _ => null,
            });
            pdf.Text(ReportPdfTexts.TransferReason, r.TransferReason);
        }
        pdf.Heading(ReportPdfTexts.Attachments);
        pdf.Paragraph(s.Evidence == AccountsEvidence.AuditorStatement ? ReportPdfTexts.EvidenceAuditor : ReportPdfTexts.EvidencePrint);
        if (r.AuditorStatementPostponed)
        {
            pdf.Paragraph(ReportPdfTexts.Postponed);
        }
        foreach (var a in s.Attachments)
        {
            pdf.Text(a.FileName, Format.Text(ReportPdfTexts.AttachmentLine, a.Size, a.Sha256));
        }
        pdf.Text(ReportPdfTexts.Comment, r.Comment);
        if (s.Issues.Count > 0)
        {
            pdf.Heading(ReportPdfTexts.Issues);
            foreach (var i in s.Issues.Where(i => i.Severity != IssueSeverity.Error))
            {
                pdf.Paragraph("– " + i.Message);
            }
        }
        return pdf.Finish($"{s.Reference} – {s.Organisation.Name}", ReportPdfTexts.PageNumber);
    }

    private static string N(int? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "–";

    private static string? F(decimal? d) => d?.ToString("0.##", Format.Norwegian);
}
