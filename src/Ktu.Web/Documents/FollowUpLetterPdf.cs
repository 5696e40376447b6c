using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Decisions;
using Ktu.Web.Domain.Reporting;

namespace Ktu.Web.Documents;

/// <summary>
/// The embete's letters after the grant, as PDF/A like the grant letter: the decision on an applied transfer of unused funds,
/// and a claim to pay back. Every text from the case (names, reasons) is drawn as plain text. Texts in FollowUpLetterTexts.resx.
/// The recipient is the grant's payee as approved after the decision (<see cref="ChangedPayee"/>): a new organisation number
/// replaces the decision's, and an approved postal address is printed under it; without one, the letter is as before.
/// </summary>
internal static class FollowUpLetterPdf
{
    public static byte[] Transfer(TransferDecision t, GrantDecision grant, string embeteName, ChangedPayee? payee = null)
    {
        var title = t.Approved ? FollowUpLetterTexts.Transfer_TitleApproved : FollowUpLetterTexts.Transfer_TitleRefused;
        using var pdf = Start(title, grant, embeteName, t.DecidedAt, payee);
        pdf.Paragraph(t.Approved
            ? Format.Text(FollowUpLetterTexts.Transfer_Approved, Format.Nok(t.Amount), t.FromYear, t.ToYear)
            : Format.Text(FollowUpLetterTexts.Transfer_Refused, Format.Nok(t.Amount), t.FromYear));
        pdf.Text(FollowUpLetterTexts.Reason, t.Reason);
        if (!t.Approved)
        {
            pdf.Paragraph(FollowUpLetterTexts.Transfer_RefusedNext);
        }
        pdf.Space();
        pdf.Paragraph(FollowUpLetterTexts.Appeal);
        pdf.Field(FollowUpLetterTexts.DecidedBy, t.DecidedByName);
        return pdf.Finish($"{grant.CaseReference} – {grant.ApplicantName}", FollowUpLetterTexts.PageNumber);
    }

    public static byte[] Claim(RepaymentClaim c, GrantDecision grant, string embeteName, ChangedPayee? payee = null)
    {
        using var pdf = Start(FollowUpLetterTexts.Claim_Title, grant, embeteName, c.IssuedAt ?? c.ProposedAt, payee);
        pdf.Paragraph(Format.Text(FollowUpLetterTexts.Claim_Lead, Format.Nok(c.Amount), c.SchemeYear, Format.Nok(grant.AmountGranted)));
        pdf.Field(FollowUpLetterTexts.Claim_Basis, c.Basis switch
        {
            RepaymentBasis.MissingReport => FollowUpLetterTexts.Basis_MissingReport,
            RepaymentBasis.LateReport => FollowUpLetterTexts.Basis_LateReport,
            RepaymentBasis.UnusedFunds => FollowUpLetterTexts.Basis_UnusedFunds,
            _ => FollowUpLetterTexts.Basis_Finding,
        });
        pdf.Text(FollowUpLetterTexts.Reason, c.Reason);
        pdf.Field(FollowUpLetterTexts.Claim_Amount, Format.Nok(c.Amount));
        pdf.Field(FollowUpLetterTexts.Claim_ChapterPost, c.ChapterPost);
        pdf.Field(FollowUpLetterTexts.Claim_Scheme, Format.Text(FollowUpLetterTexts.Claim_SchemeValue, c.SchemeYear));
        if (c.OffsetAgainstNextGrant)
        {
            pdf.Paragraph(FollowUpLetterTexts.Claim_Offset);
        }
        else
        {
            pdf.Field(FollowUpLetterTexts.Claim_DueDate, Format.Date(c.DueDate));
            pdf.Paragraph(Format.Text(FollowUpLetterTexts.Claim_Pay, grant.CaseReference));
        }
        pdf.Space();
        pdf.Paragraph(FollowUpLetterTexts.Appeal);
        pdf.Field(FollowUpLetterTexts.ProposedBy, c.ProposedByName);
        pdf.Field(FollowUpLetterTexts.DecidedBy, c.IssuedByName);
        return pdf.Finish($"{grant.CaseReference} – {grant.ApplicantName}", FollowUpLetterTexts.PageNumber);
    }

    private static PdfFlow Start(string title, GrantDecision grant, string embeteName, DateTimeOffset date, ChangedPayee? payee)
    {
        var pdf = new PdfFlow(new PdfMetadata(title, embeteName, Format.Text(FollowUpLetterTexts.Subject, grant.CaseReference, grant.ApplicantName), date));
        pdf.Title(title);
        pdf.Space();
        pdf.Field(FollowUpLetterTexts.From, embeteName);
        pdf.Field(FollowUpLetterTexts.To, Format.Text(FollowUpLetterTexts.OrgValue, grant.ApplicantName, payee?.OrgNumber ?? grant.ApplicantOrgNumber));
        if (payee?.Address is { } address)
        {
            pdf.Field(FollowUpLetterTexts.Address, address.ToString());
        }
        pdf.Field(FollowUpLetterTexts.Date, Format.Date(NorwayTime.DateOf(date)));
        pdf.Field(FollowUpLetterTexts.CaseReference, grant.CaseReference);
        pdf.Space();
        return pdf;
    }
}
