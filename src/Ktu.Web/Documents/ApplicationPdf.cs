using System.Globalization;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Domain.Rules;
using Ktu.Web.Web;

namespace Ktu.Web.Documents;

/// <summary>
/// The copy of a submitted application as the applicant and the county governor file it: who sent
/// what to whom and when, the checksum of the stored copy, and every part of the form as typed.
/// </summary>
internal sealed class ApplicationPdf : IApplicationPdf
{
    private static readonly PdfColumn[] BpaColumns =
        [new(180), new(80, CellAlign.Right), new(110, CellAlign.Right), new(PdfFlow.TextWidth - 370, CellAlign.Right)];
    private static readonly PdfColumn[] AmountColumns =
        [new(PdfFlow.TextWidth - 120), new(120, CellAlign.Right)];

    public byte[] Render(ApplicationPdfModel model)
    {
        var s = model.Snapshot;
        var title = $"Søknad om {LowerFirst(model.SchemeName)} {s.SchemeYear.ToString(CultureInfo.InvariantCulture)}";
        using var pdf = new PdfFlow(new PdfMetadata(title, model.OrganisationName, $"Innsendt søknad {s.Reference}", s.SubmittedAt));

        pdf.Title(title);
        pdf.Paragraph("Kopi av søknaden slik den ble sendt inn.");
        if (model.Withdrawn)
        {
            pdf.Paragraph("Denne innsendingen er trukket tilbake av søkeren og gjelder ikke lenger.", bold: true);
        }
        pdf.Space();
        pdf.Field("Referansenummer", s.Reference);
        pdf.Field("Sendt inn", Format.Deadline(s.SubmittedAt));
        if (s.Number > 1)
        {
            pdf.Field("Innsending nummer", s.Number.ToString(CultureInfo.InvariantCulture));
        }
        pdf.Field("Avsender", $"{model.OrganisationName} (org.nr. {s.Organisation.Id})");
        pdf.Field("Sendt inn av", s.SubmittedBy);
        pdf.Field("Mottaker", s.ReceivingEmbete.Name);
        pdf.Text("Kontrollsum for den lagrede søknaden (SHA-256)", model.Sha256);

        var a = s.Application;
        ApplicantPart(pdf, a);
        CompetencePart(pdf, a, model);
        BpaPart(pdf, a);
        ProjectsPart(pdf, a, model);
        SummaryPart(pdf, s, model);
        IssuesPart(pdf, s.Issues);

        return pdf.Finish($"{s.Reference} – {model.OrganisationName}");
    }

    private static void ApplicantPart(PdfFlow pdf, ApplicationContent a)
    {
        pdf.Heading("Del 1: Opplysninger om søkeren");
        pdf.Field("Kontonummer", AccountNumber.TryParse(a.AccountNumber, out var account) ? account.Value.Formatted : a.AccountNumber);
        pdf.Field("Merknad til utbetalingen", a.PaymentRemark);
        pdf.Field("Kontaktperson", a.Contact?.Name);
        pdf.Field("E-post", a.Contact?.Email);
        pdf.Field("Telefon", a.Contact?.Phone);
        pdf.Field("Vedtatt kompetanseplan", a.CompetencePlanAdopted switch
        {
            true => "Ja, søkeren bekrefter at kompetanseplanen er vedtatt",
            false => "Nei",
            null => null,
        });
        pdf.Text("Kort beskrivelse av søknaden", a.Description);
    }

    private static void CompetencePart(PdfFlow pdf, ApplicationContent a, ApplicationPdfModel model)
    {
        pdf.Heading("Del 2: Kompetansetiltak");
        if (a.CompetenceMeasures.Count == 0)
        {
            pdf.Paragraph("Søkeren har ikke søkt om kompetansetiltak.");
            return;
        }
        var number = 0;
        foreach (var m in a.CompetenceMeasures)
        {
            pdf.SubHeading($"Kompetansetiltak {(++number).ToString(CultureInfo.InvariantCulture)}: {NameOf(m.EducationType, model.EducationTypeNames)}");
            pdf.Text("Beskrivelse", m.Description);
            pdf.Field("Antall personer", Number(m.Persons));
            pdf.Field("Av disse fortsetter", Number(m.ContinuingPersons) + " (personer som fortsetter en utdanning som allerede har fått tilskudd)");
            pdf.Field("Søkt beløp", Money(m.Amount));
        }
        pdf.Space();
        pdf.Table(AmountColumns, ["Sum kompetansetiltak", Format.Nok(a.CompetenceMeasures.Sum(m => m.Amount ?? 0))], bold: true);
    }

    private static void BpaPart(PdfFlow pdf, ApplicationContent a)
    {
        pdf.Heading("Del 3: Opplæring i brukerstyrt personlig assistanse (BPA)");
        if (a.BpaTrainings.Count == 0)
        {
            pdf.Paragraph("Søkeren har ikke søkt om opplæring i BPA.");
            return;
        }
        pdf.Table(BpaColumns, ["Rolle", "Personer", "Beløp per person", "Sum"], bold: true);
        foreach (var b in a.BpaTrainings)
        {
            pdf.Table(BpaColumns,
            [
                b.Role is { } role ? BpaTrainingIsComplete.Norwegian(role) : "–",
                Number(b.Persons),
                Money(b.AmountPerPerson),
                Money(b.Total),
            ]);
        }
        pdf.Table(BpaColumns, ["Sum opplæring i BPA", "", "", Format.Nok(a.BpaTrainings.Sum(b => b.Total ?? 0))], bold: true);
    }

    private static void ProjectsPart(PdfFlow pdf, ApplicationContent a, ApplicationPdfModel model)
    {
        pdf.Heading("Del 4: Tjenesteutviklingstiltak");
        if (a.Projects.Count == 0)
        {
            pdf.Paragraph("Søkeren har ikke søkt om tjenesteutviklingstiltak.");
            return;
        }
        foreach (var p in a.Projects.OrderBy(p => p.Priority ?? int.MaxValue))
        {
            pdf.SubHeading($"Prioritet {Number(p.Priority)}: {Dash(p.Title)}");
            pdf.Field("Temaer", p.Themes.Count == 0 ? null : string.Join(", ", p.Themes.Select(t => NameOf(t, model.ThemeNames))));
            pdf.Text("Formål", p.Purpose);
            pdf.Text("Beskrivelse", p.Description);
            pdf.Text("Behov og utfordringer", p.Criteria?.NeedsAndChallenges);
            pdf.Text("Mål og målgrupper", p.Criteria?.GoalsAndTargetGroups);
            pdf.Text("Organisering og samarbeidspartnere", p.Criteria?.OrganisationAndPartners);
            pdf.Text("Forventede gevinster", p.Criteria?.ExpectedGains);
            pdf.Text("Forankring hos leder med budsjettansvar", p.Criteria?.Anchoring);
            pdf.Text("Brukermedvirkning og bruker- og pårørendeperspektiv", p.Criteria?.UserParticipation);

            pdf.Table(AmountColumns, ["Budsjett", "Beløp"], bold: true);
            foreach (var line in p.Budget)
            {
                pdf.Table(AmountColumns, [Dash(line.Item), Money(line.Amount)]);
            }
            pdf.Table(AmountColumns, ["Sum budsjett", Format.Nok(p.Budget.Sum(b => b.Amount ?? 0))], bold: true);
            pdf.Table(AmountColumns, ["Egenfinansiering", Money(p.OwnFinancing)]);
            pdf.Table(AmountColumns, ["Søkt beløp", Money(p.AmountApplied)], bold: true);

            pdf.Text("Interne og eksterne kontrolltiltak", p.ControlMeasures);
            pdf.Field("Signert av", p.SignedBy is null ? null : string.Join(", ", new[] { p.SignedBy.Name, p.SignedBy.Role }.Where(x => !string.IsNullOrWhiteSpace(x))));
        }
    }

    private static void SummaryPart(PdfFlow pdf, ApplicationSnapshot s, ApplicationPdfModel model)
    {
        pdf.Heading("Del 5: Sammendrag");
        var sum = s.Summary;
        pdf.Table(AmountColumns, ["Kompetansetiltak", Format.Nok(sum.Competence)]);
        pdf.Table(AmountColumns, ["Opplæring i BPA", Format.Nok(sum.Bpa)]);
        pdf.Table(AmountColumns, ["Tjenesteutviklingstiltak", Format.Nok(sum.Projects)]);
        pdf.Table(AmountColumns, ["Søkt i alt", Format.Nok(sum.Total)], bold: true);
        if (sum.Themes.Count > 0)
        {
            pdf.Field("Temaer i tiltakene", string.Join(", ", sum.Themes.Select(t => NameOf(t, model.ThemeNames))));
        }
    }

    private static void IssuesPart(PdfFlow pdf, IReadOnlyList<ValidationIssue> issues)
    {
        var notes = issues.Where(i => i.Severity != IssueSeverity.Error).ToList();
        if (notes.Count == 0)
        {
            return;
        }
        pdf.Heading("Merknader da søknaden ble sendt inn");
        foreach (var issue in notes)
        {
            pdf.Paragraph((issue.Severity == IssueSeverity.Warning ? "Advarsel: " : "Merknad: ") + issue.Message);
        }
    }

    private static string NameOf(string? code, IReadOnlyDictionary<string, string> names) =>
        string.IsNullOrWhiteSpace(code) ? "–" : names.TryGetValue(code, out var name) ? name : code;

    private static string Dash(string? text) => string.IsNullOrWhiteSpace(text) ? "–" : text;

    private static string Number(int? n) => n?.ToString("#,0", Nb).Replace('\u00A0', ' ') ?? "–";

    private static string Money(long? kroner) => kroner is { } k ? Format.Nok(k) : "–";

    private static string LowerFirst(string name) =>
        name.Length == 0 ? name : char.ToLower(name[0], Nb) + name[1..];

    private static readonly CultureInfo Nb = new("nb-NO");
}
