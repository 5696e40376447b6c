using System.Globalization;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Decisions;
using Ktu.Web.Domain.Rules;

namespace Ktu.Web.Documents;

/// <summary>
/// The grant letter (tilskuddsbrev) for one decision as PDF/A-2B: the decision with amounts per part and
/// per line and the reasons, what is not granted and why, and the conditions. A refusal (nothing granted)
/// gets its own title and leaves out conditions, payment and reporting, which make no sense without money.
/// Every text from the decision (labels, reasons, names) is drawn as plain text by <see cref="PdfFlow"/>.
/// </summary>
internal static class GrantLetterPdf
{
    private static readonly CultureInfo Nb = new("nb-NO");
    private static readonly PdfColumn[] LineColumns =
        [new(PdfFlow.TextWidth - 200), new(100, CellAlign.Right), new(100, CellAlign.Right)];
    private static readonly PdfColumn[] NotGrantedColumns =
        [new(PdfFlow.TextWidth - 120), new(120, CellAlign.Right)];

    public static byte[] Render(GrantLetterInput input)
    {
        input.EnsureConsistent();
        var d = input.Decision;
        var title = Title(input);
        var values = Values(input);
        using var pdf = new PdfFlow(new PdfMetadata(title, input.Embete.Name, Format.Text(GrantLetterPdfTexts.MetadataSubject, d.CaseReference, d.ApplicantName), Noon(input.LetterDate)));

        pdf.Title(title);
        if (input.Version > 1)
        {
            var version = input.Version.ToString(CultureInfo.InvariantCulture);
            pdf.Paragraph(input.ReplacesLetterDated is { } replaced
                ? Format.Text(GrantLetterPdfTexts.Corrected, version, Format.Date(replaced))
                : Format.Text(GrantLetterPdfTexts.CorrectedNoDate, version), bold: true);
        }
        if (d.IsSupplementary)
        {
            // A later round's letter adds to the year's decision; it never replaces it.
            pdf.Paragraph(GrantLetterPdfTexts.Supplementary, bold: true);
        }
        pdf.Space();
        pdf.Field(GrantLetterPdfTexts.From, Format.Text(GrantLetterPdfTexts.OrgValue, input.Embete.Name, OrgNumberText(input.Embete.OrgNumber)));
        pdf.Field(GrantLetterPdfTexts.To, Format.Text(GrantLetterPdfTexts.OrgValue, d.ApplicantName, OrgNumberText(d.ApplicantOrgNumber)));
        pdf.Field(GrantLetterPdfTexts.LetterDate, Format.Date(input.LetterDate));
        pdf.Field(GrantLetterPdfTexts.CaseReference, d.CaseReference);
        pdf.Field(GrantLetterPdfTexts.Scheme, $"{input.Template.SchemeName} {input.Scheme.Year.ToString(CultureInfo.InvariantCulture)}");
        pdf.Space();

        var fixedTexts = input.Template.Fixed;
        Say(pdf, input.Template.Embete.Greeting, values);
        pdf.Space();
        Say(pdf, d.IsRefusal ? fixedTexts.RefusalDecision : fixedTexts.GrantDecision, values);

        var lines = d.ReadLines();
        if (!d.IsRefusal)
        {
            GrantedPart(pdf, input, lines);
        }
        NotGrantedPart(pdf, input, lines);
        if (!d.IsRefusal)
        {
            Conditions(pdf, input, values);
            Payment(pdf, input, values);
        }

        pdf.Heading(GrantLetterPdfTexts.HeadingNoAppeal);
        Say(pdf, fixedTexts.NoAppeal, values);
        pdf.Space();
        Say(pdf, input.Template.Embete.Contact, values);
        pdf.Space();
        Say(pdf, input.Template.Embete.Closing, values);
        pdf.Space();
        pdf.Paragraph(Format.Text(GrantLetterPdfTexts.HandledBy, d.OfficerName, d.ApproverName));
        pdf.Paragraph(GrantLetterPdfTexts.NoSignature);

        return pdf.Finish(Format.Text(GrantLetterPdfTexts.Footer, d.CaseReference, d.ApplicantName), GrantLetterPdfTexts.PageNumber);
    }

    /// <summary>"Vedtak om kompetanse- og tjenesteutviklingstilskudd 2027", or "Avslag på søknad om ..." when nothing is granted.</summary>
    public static string Title(GrantLetterInput input) =>
        Format.Text(input.Decision.IsSupplementary ? GrantLetterPdfTexts.TitleSupplementary
            : input.Decision.IsRefusal ? GrantLetterPdfTexts.TitleRefusal : GrantLetterPdfTexts.TitleGrant,
            LowerFirst(input.Template.SchemeName), input.Scheme.Year.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// "KTU-2025-TRO-0001_v2.pdf": the name a letter is downloaded under, the case reference made safe for a file name; a
    /// supplementary grant's letter carries its round, "KTU-2025-TRO-0001-R2_v1.pdf", so it never has the first letter's name.
    /// </summary>
    public static string FileName(string caseReference, int version, int round = 1) =>
        $"{ArchiveExport.SafeName(GrantDecision.ReferenceFor(caseReference, round), "tilskuddsbrev")}_v{version.ToString(CultureInfo.InvariantCulture)}.pdf";

    public static string PartName(DecisionPart part, SchemeYear scheme) => part switch
    {
        DecisionPart.Competence => GrantLetterPdfTexts.PartCompetence,
        DecisionPart.Bpa => GrantLetterPdfTexts.PartBpa,
        // The year's own name: innovation projects until 2022, service-development projects from 2023.
        DecisionPart.Project => string.IsNullOrWhiteSpace(scheme.ProjectPartName) ? GrantLetterPdfTexts.PartProjects : scheme.ProjectPartName,
        _ => part.ToString(),
    };

    /// <summary>The values of the merge codes for this letter.</summary>
    public static IReadOnlyDictionary<string, string> Values(GrantLetterInput input) => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [LetterPlaceholders.SchemeName] = LowerFirst(input.Template.SchemeName),
        [LetterPlaceholders.SchemeYear] = input.Scheme.Year.ToString(CultureInfo.InvariantCulture),
        [LetterPlaceholders.ReportDeadline] = Format.Date(input.Template.ReportDeadline),
        [LetterPlaceholders.AuditorThreshold] = Format.Nok(input.Scheme.AuditorThreshold),
        [LetterPlaceholders.Embete] = input.Embete.Name,
        [LetterPlaceholders.Recipient] = input.Decision.ApplicantName,
        [LetterPlaceholders.CaseReference] = input.Decision.CaseReference,
        [LetterPlaceholders.AmountGranted] = Format.Nok(input.Decision.AmountGranted),
        [LetterPlaceholders.LetterDate] = Format.Date(input.LetterDate),
    };

    private static void GrantedPart(PdfFlow pdf, GrantLetterInput input, IReadOnlyList<DecisionLine> lines)
    {
        pdf.Heading(GrantLetterPdfTexts.HeadingGrant);
        foreach (var part in lines.Where(l => l.AmountGranted > 0).GroupBy(l => l.Part).OrderBy(g => g.Key))
        {
            var name = PartName(part.Key, input.Scheme);
            pdf.SubHeading(name);
            pdf.Table(LineColumns, [GrantLetterPdfTexts.ColumnLine, GrantLetterPdfTexts.ColumnApplied, GrantLetterPdfTexts.ColumnGranted], bold: true);
            foreach (var line in part)
            {
                pdf.Table(LineColumns, [line.Label, Format.Nok(line.AmountApplied), Format.Nok(line.AmountGranted)]);
                Reason(pdf, line.Reason);
            }
            var sumName = part.Key == DecisionPart.Bpa ? GrantLetterPdfTexts.PartBpaShort : LowerFirst(name);
            pdf.Table(LineColumns, [Format.Text(GrantLetterPdfTexts.PartSum, sumName), "", Format.Nok(part.Sum(l => l.AmountGranted))], bold: true);
        }
        pdf.Space();
        pdf.Table(LineColumns, [GrantLetterPdfTexts.TotalGranted, "", Format.Nok(input.Decision.AmountGranted)], bold: true);
        pdf.Paragraph(Format.Text(GrantLetterPdfTexts.TotalApplied, Format.Nok(input.Decision.AmountApplied)));
    }

    private static void NotGrantedPart(PdfFlow pdf, GrantLetterInput input, IReadOnlyList<DecisionLine> lines)
    {
        var notGranted = lines.Where(l => l.AmountGranted < l.AmountApplied).ToList();
        if (notGranted.Count == 0)
        {
            return;
        }
        pdf.Heading(input.Decision.IsRefusal ? GrantLetterPdfTexts.HeadingRefusal : GrantLetterPdfTexts.HeadingNotGranted);
        foreach (var part in notGranted.GroupBy(l => l.Part).OrderBy(g => g.Key))
        {
            pdf.SubHeading(PartName(part.Key, input.Scheme));
            pdf.Table(NotGrantedColumns, [GrantLetterPdfTexts.ColumnLine, GrantLetterPdfTexts.ColumnNotGranted], bold: true);
            foreach (var line in part)
            {
                pdf.Table(NotGrantedColumns, [line.Label, Format.Nok(line.AmountApplied - line.AmountGranted)]);
                // A partly granted line had its reason under the grant already.
                if (line.AmountGranted == 0)
                {
                    Reason(pdf, line.Reason);
                }
            }
        }
    }

    private static void Conditions(PdfFlow pdf, GrantLetterInput input, IReadOnlyDictionary<string, string> values)
    {
        var t = input.Template.Fixed;
        pdf.Heading(GrantLetterPdfTexts.HeadingConditions);
        Section(pdf, GrantLetterPdfTexts.Purpose, t.Purpose, values);
        Section(pdf, GrantLetterPdfTexts.UseOfFunds, t.UseOfFunds, values);
        if (!string.IsNullOrWhiteSpace(input.Decision.ExtraConditions))
        {
            pdf.SubHeading(GrantLetterPdfTexts.ExtraConditions);
            pdf.Paragraph(input.Decision.ExtraConditions); // the case officer's own words: never filled with codes
        }
        Section(pdf, GrantLetterPdfTexts.Reporting, t.Reporting, values);
        if (AuditorRequiredFromThreshold.Applies(input.Scheme, input.Decision.AmountGranted))
        {
            Section(pdf, GrantLetterPdfTexts.Auditor, t.AuditorRequired, values);
        }
        else
        {
            Section(pdf, GrantLetterPdfTexts.Accounts, t.AccountsWithoutAuditor, values);
        }
        Section(pdf, GrantLetterPdfTexts.TransferAndRepayment, t.TransferAndRepayment, values);
        Section(pdf, GrantLetterPdfTexts.ControlAndSanctions, t.ControlAndSanctions, values);
    }

    private static void Payment(PdfFlow pdf, GrantLetterInput input, IReadOnlyDictionary<string, string> values)
    {
        var d = input.Decision;
        pdf.Heading(GrantLetterPdfTexts.HeadingPayment);
        Say(pdf, input.Template.Fixed.Payment, values);
        pdf.Space();
        pdf.Field(GrantLetterPdfTexts.AccountNumber, AccountNumber.TryParse(d.AccountNumber, out var account) ? account.Value.Formatted : d.AccountNumber);
        if (!string.IsNullOrWhiteSpace(d.PaymentRemark))
        {
            pdf.Field(GrantLetterPdfTexts.PaymentRemark, d.PaymentRemark);
        }
        pdf.Space();
        Say(pdf, input.Template.Fixed.AccountChange, values);
    }

    private static void Section(PdfFlow pdf, string heading, string text, IReadOnlyDictionary<string, string> values)
    {
        pdf.SubHeading(heading);
        Say(pdf, text, values);
    }

    private static void Say(PdfFlow pdf, string text, IReadOnlyDictionary<string, string> values)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            pdf.Paragraph(LetterPlaceholders.Fill(text, values));
        }
    }

    private static void Reason(PdfFlow pdf, string? reason)
    {
        if (!string.IsNullOrWhiteSpace(reason))
        {
            pdf.Paragraph(Format.Text(GrantLetterPdfTexts.Reason, reason));
            pdf.Space(4);
        }
    }

    private static string OrgNumberText(string orgNumber) =>
        OrgNumber.TryParse(orgNumber, out var parsed) ? parsed.Value.Formatted : orgNumber;

    private static DateTimeOffset Noon(DateOnly date)
    {
        var local = date.ToDateTime(new TimeOnly(12, 0));
        return new DateTimeOffset(local, NorwayTime.Zone.GetUtcOffset(local));
    }

    private static string LowerFirst(string name) =>
        name.Length == 0 ? name : char.ToLower(name[0], Nb) + name[1..];
}
