using System.Globalization;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Decisions;
using Ktu.Web.Domain.Rules;
using T = Ktu.Web.Documents.GrantLetterPdfTexts;

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
        using var pdf = new PdfFlow(new PdfMetadata(title, input.Embete.Name, Format.Text(T.MetadataSubject, d.CaseReference, d.ApplicantName), Noon(input.LetterDate)));

        pdf.Title(title);
        if (input.Version > 1)
        {
            var version = input.Version.ToString(CultureInfo.InvariantCulture);
            pdf.Paragraph(input.ReplacesLetterDated is { } replaced
                ? Format.Text(T.Corrected, version, Format.Date(replaced))
                : Format.Text(T.CorrectedNoDate, version), bold: true);
        }
        pdf.Space();
        pdf.Field(T.From, Format.Text(T.OrgValue, input.Embete.Name, OrgNumberText(input.Embete.OrgNumber)));
        pdf.Field(T.To, Format.Text(T.OrgValue, d.ApplicantName, OrgNumberText(d.ApplicantOrgNumber)));
        pdf.Field(T.LetterDate, Format.Date(input.LetterDate));
        pdf.Field(T.CaseReference, d.CaseReference);
        pdf.Field(T.Scheme, $"{input.Template.SchemeName} {input.Scheme.Year.ToString(CultureInfo.InvariantCulture)}");
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

        pdf.Heading(T.HeadingNoAppeal);
        Say(pdf, fixedTexts.NoAppeal, values);
        pdf.Space();
        Say(pdf, input.Template.Embete.Contact, values);
        pdf.Space();
        Say(pdf, input.Template.Embete.Closing, values);
        pdf.Space();
        pdf.Paragraph(Format.Text(T.HandledBy, d.OfficerName, d.ApproverName));
        pdf.Paragraph(T.NoSignature);

        return pdf.Finish(Format.Text(T.Footer, d.CaseReference, d.ApplicantName), T.PageNumber);
    }

    /// <summary>"Vedtak om kompetanse- og tjenesteutviklingstilskudd 2027", or "Avslag på søknad om ..." when nothing is granted.</summary>
    public static string Title(GrantLetterInput input) =>
        Format.Text(input.Decision.IsRefusal ? T.TitleRefusal : T.TitleGrant,
            LowerFirst(input.Template.SchemeName), input.Scheme.Year.ToString(CultureInfo.InvariantCulture));

    /// <summary>"KTU-2025-TRO-0001_v2.pdf": the name a letter is downloaded under, the case reference made safe for a file name.</summary>
    public static string FileName(string caseReference, int version) =>
        $"{ArchiveExport.SafeName(caseReference, "tilskuddsbrev")}_v{version.ToString(CultureInfo.InvariantCulture)}.pdf";

    public static string PartName(DecisionPart part, int schemeYear) => part switch
    {
        DecisionPart.Competence => T.PartCompetence,
        DecisionPart.Bpa => T.PartBpa,
        // Innovation projects until 2022, service-development projects from 2023.
        DecisionPart.Project => schemeYear <= 2022 ? T.PartProjectsBefore2023 : T.PartProjects,
        _ => part.ToString(),
    };

    /// <summary>The values of the merge codes for this letter.</summary>
    public static IReadOnlyDictionary<string, string> Values(GrantLetterInput input) => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [LetterPlaceholders.SchemeName] = LowerFirst(input.Template.SchemeName),
        [LetterPlaceholders.SchemeYear] = input.Scheme.Year.ToString(CultureInfo.InvariantCulture),
        [LetterPlaceholders.ReportDeadline] = Format.Date(input.Scheme.ReportDeadline),
        [LetterPlaceholders.AuditorThreshold] = Format.Nok(input.Scheme.AuditorThreshold),
        [LetterPlaceholders.Embete] = input.Embete.Name,
        [LetterPlaceholders.Recipient] = input.Decision.ApplicantName,
        [LetterPlaceholders.CaseReference] = input.Decision.CaseReference,
        [LetterPlaceholders.AmountGranted] = Format.Nok(input.Decision.AmountGranted),
        [LetterPlaceholders.LetterDate] = Format.Date(input.LetterDate),
    };

    private static void GrantedPart(PdfFlow pdf, GrantLetterInput input, IReadOnlyList<DecisionLine> lines)
    {
        pdf.Heading(T.HeadingGrant);
        foreach (var part in lines.Where(l => l.AmountGranted > 0).GroupBy(l => l.Part).OrderBy(g => g.Key))
        {
            var name = PartName(part.Key, input.Scheme.Year);
            pdf.SubHeading(name);
            pdf.Table(LineColumns, [T.ColumnLine, T.ColumnApplied, T.ColumnGranted], bold: true);
            foreach (var line in part)
            {
                pdf.Table(LineColumns, [line.Label, Format.Nok(line.AmountApplied), Format.Nok(line.AmountGranted)]);
                Reason(pdf, line.Reason);
            }
            var sumName = part.Key == DecisionPart.Bpa ? T.PartBpaShort : LowerFirst(name);
            pdf.Table(LineColumns, [Format.Text(T.PartSum, sumName), "", Format.Nok(part.Sum(l => l.AmountGranted))], bold: true);
        }
        pdf.Space();
        pdf.Table(LineColumns, [T.TotalGranted, "", Format.Nok(input.Decision.AmountGranted)], bold: true);
        pdf.Paragraph(Format.Text(T.TotalApplied, Format.Nok(input.Decision.AmountApplied)));
    }

    private static void NotGrantedPart(PdfFlow pdf, GrantLetterInput input, IReadOnlyList<DecisionLine> lines)
    {
        var notGranted = lines.Where(l => l.AmountGranted < l.AmountApplied).ToList();
        if (notGranted.Count == 0)
        {
            return;
        }
        pdf.Heading(input.Decision.IsRefusal ? T.HeadingRefusal : T.HeadingNotGranted);
        foreach (var part in notGranted.GroupBy(l => l.Part).OrderBy(g => g.Key))
        {
            pdf.SubHeading(PartName(part.Key, input.Scheme.Year));
            pdf.Table(NotGrantedColumns, [T.ColumnLine, T.ColumnNotGranted], bold: true);
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
        pdf.Heading(T.HeadingConditions);
        Section(pdf, T.Purpose, t.Purpose, values);
        Section(pdf, T.UseOfFunds, t.UseOfFunds, values);
        if (!string.IsNullOrWhiteSpace(input.Decision.ExtraConditions))
        {
            pdf.SubHeading(T.ExtraConditions);
            pdf.Paragraph(input.Decision.ExtraConditions); // the case officer's own words: never filled with codes
        }
        Section(pdf, T.Reporting, t.Reporting, values);
        if (AuditorRequiredFromThreshold.Applies(input.Scheme, input.Decision.AmountGranted))
        {
            Section(pdf, T.Auditor, t.AuditorRequired, values);
        }
        else
        {
            Section(pdf, T.Accounts, t.AccountsWithoutAuditor, values);
        }
        Section(pdf, T.TransferAndRepayment, t.TransferAndRepayment, values);
        Section(pdf, T.ControlAndSanctions, t.ControlAndSanctions, values);
    }

    private static void Payment(PdfFlow pdf, GrantLetterInput input, IReadOnlyDictionary<string, string> values)
    {
        var d = input.Decision;
        pdf.Heading(T.HeadingPayment);
        Say(pdf, input.Template.Fixed.Payment, values);
        pdf.Space();
        pdf.Field(T.AccountNumber, AccountNumber.TryParse(d.AccountNumber, out var account) ? account.Value.Formatted : d.AccountNumber);
        if (!string.IsNullOrWhiteSpace(d.PaymentRemark))
        {
            pdf.Field(T.PaymentRemark, d.PaymentRemark);
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
            pdf.Paragraph(Format.Text(T.Reason, reason));
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
