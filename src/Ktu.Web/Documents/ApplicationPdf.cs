using System.Globalization;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Domain.Rules;
using Ktu.Web.Web;

namespace Ktu.Web.Documents;

/// <summary>
/// The copy of a submitted application as the applicant and the county governor file it: who sent
/// what to whom and when, the checksum of the stored copy, and every part of the form as typed.
/// Texts live in ApplicationPdfTexts.resx so a nynorsk copy can follow.
/// </summary>
internal sealed class ApplicationPdf : IApplicationPdf
{
    private static readonly CultureInfo Nb = new("nb-NO");
    private static readonly PdfColumn[] BpaColumns =
        [new(180), new(80, CellAlign.Right), new(110, CellAlign.Right), new(PdfFlow.TextWidth - 370, CellAlign.Right)];
    private static readonly PdfColumn[] AmountColumns =
        [new(PdfFlow.TextWidth - 120), new(120, CellAlign.Right)];

    public byte[] Render(ApplicationPdfModel model)
    {
        var s = model.Snapshot;
        var title = Fill(ApplicationPdfTexts.Title, LowerFirst(model.SchemeName), s.SchemeYear.ToString(CultureInfo.InvariantCulture));
        using var pdf = new PdfFlow(new PdfMetadata(title, model.OrganisationName, Fill(ApplicationPdfTexts.MetadataSubject, s.Reference), s.SubmittedAt));

        pdf.Title(title);
        pdf.Paragraph(ApplicationPdfTexts.Subtitle);
        if (model.Withdrawn)
        {
            pdf.Paragraph(ApplicationPdfTexts.Withdrawn, bold: true);
        }
        pdf.Space();
        pdf.Field(ApplicationPdfTexts.Reference, s.Reference);
        pdf.Field(ApplicationPdfTexts.SubmittedAt, Format.Deadline(s.SubmittedAt));
        if (s.Number > 1)
        {
            pdf.Field(ApplicationPdfTexts.SubmissionNumber, s.Number.ToString(CultureInfo.InvariantCulture));
        }
        pdf.Field(ApplicationPdfTexts.Sender, Fill(ApplicationPdfTexts.SenderValue, model.OrganisationName, s.Organisation.Id));
        pdf.Field(ApplicationPdfTexts.SubmittedBy, s.SubmittedBy);
        pdf.Field(ApplicationPdfTexts.Receiver, s.ReceivingEmbete.Name);
        pdf.Text(ApplicationPdfTexts.Checksum, model.Sha256);

        var a = s.Application;
        ApplicantPart(pdf, a);
        CompetencePart(pdf, a, model);
        BpaPart(pdf, a);
        ProjectsPart(pdf, a, model);
        SummaryPart(pdf, s, model);
        IssuesPart(pdf, s.Issues);

        return pdf.Finish($"{s.Reference} – {model.OrganisationName}", ApplicationPdfTexts.PageNumber);
    }

    private static void ApplicantPart(PdfFlow pdf, ApplicationContent a)
    {
        pdf.Heading(ApplicationPdfTexts.Part1);
        pdf.Field(ApplicationPdfTexts.AccountNumber, AccountNumber.TryParse(a.AccountNumber, out var account) ? account.Value.Formatted : a.AccountNumber);
        pdf.Field(ApplicationPdfTexts.PaymentRemark, a.PaymentRemark);
        pdf.Field(ApplicationPdfTexts.ContactName, a.Contact?.Name);
        pdf.Field(ApplicationPdfTexts.ContactEmail, a.Contact?.Email);
        pdf.Field(ApplicationPdfTexts.ContactPhone, a.Contact?.Phone);
        pdf.Field(ApplicationPdfTexts.CompetencePlan, a.CompetencePlanAdopted switch
        {
            true => ApplicationPdfTexts.CompetencePlanYes,
            false => ApplicationPdfTexts.No,
            null => null,
        });
        pdf.Text(ApplicationPdfTexts.Description, a.Description);
    }

    private static void CompetencePart(PdfFlow pdf, ApplicationContent a, ApplicationPdfModel model)
    {
        pdf.Heading(ApplicationPdfTexts.Part2);
        if (a.CompetenceMeasures.Count == 0)
        {
            pdf.Paragraph(ApplicationPdfTexts.Part2None);
            return;
        }
        var number = 0;
        foreach (var m in a.CompetenceMeasures)
        {
            pdf.SubHeading(Fill(ApplicationPdfTexts.MeasureHeading, (++number).ToString(CultureInfo.InvariantCulture), NameOf(m.EducationType, model.EducationTypeNames)));
            pdf.Text(ApplicationPdfTexts.MeasureDescription, m.Description);
            pdf.Field(ApplicationPdfTexts.Persons, Number(m.Persons));
            pdf.Field(ApplicationPdfTexts.ContinuingPersons, Fill(ApplicationPdfTexts.ContinuingPersonsValue, Number(m.ContinuingPersons)));
            pdf.Field(ApplicationPdfTexts.AmountApplied, Money(m.Amount));
        }
        pdf.Space();
        pdf.Table(AmountColumns, [ApplicationPdfTexts.CompetenceTotal, Format.Nok(a.CompetenceMeasures.Sum(m => m.Amount ?? 0))], bold: true);
    }

    private static void BpaPart(PdfFlow pdf, ApplicationContent a)
    {
        pdf.Heading(ApplicationPdfTexts.Part3);
        if (a.BpaTrainings.Count == 0)
        {
            pdf.Paragraph(ApplicationPdfTexts.Part3None);
            return;
        }
        pdf.Table(BpaColumns, [ApplicationPdfTexts.BpaRole, ApplicationPdfTexts.BpaPersons, ApplicationPdfTexts.BpaPerPerson, ApplicationPdfTexts.BpaSum], bold: true);
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
        pdf.Table(BpaColumns, [ApplicationPdfTexts.BpaTotal, "", "", Format.Nok(a.BpaTrainings.Sum(b => b.Total ?? 0))], bold: true);
    }

    private static void ProjectsPart(PdfFlow pdf, ApplicationContent a, ApplicationPdfModel model)
    {
        pdf.Heading(ApplicationPdfTexts.Part4);
        if (a.Projects.Count == 0)
        {
            pdf.Paragraph(ApplicationPdfTexts.Part4None);
            return;
        }
        foreach (var p in a.Projects.OrderBy(p => p.Priority ?? int.MaxValue))
        {
            pdf.SubHeading(Fill(ApplicationPdfTexts.ProjectHeading, Number(p.Priority), Dash(p.Title)));
            pdf.Field(ApplicationPdfTexts.Themes, p.Themes.Count == 0 ? null : string.Join(", ", p.Themes.Select(t => NameOf(t, model.ThemeNames))));
            pdf.Text(ApplicationPdfTexts.Purpose, p.Purpose);
            pdf.Text(ApplicationPdfTexts.ProjectDescription, p.Description);
            pdf.Text(ApplicationPdfTexts.NeedsAndChallenges, p.Criteria?.NeedsAndChallenges);
            pdf.Text(ApplicationPdfTexts.GoalsAndTargetGroups, p.Criteria?.GoalsAndTargetGroups);
            pdf.Text(ApplicationPdfTexts.OrganisationAndPartners, p.Criteria?.OrganisationAndPartners);
            pdf.Text(ApplicationPdfTexts.ExpectedGains, p.Criteria?.ExpectedGains);
            pdf.Text(ApplicationPdfTexts.Anchoring, p.Criteria?.Anchoring);
            pdf.Text(ApplicationPdfTexts.UserParticipation, p.Criteria?.UserParticipation);

            pdf.Table(AmountColumns, [ApplicationPdfTexts.Budget, ApplicationPdfTexts.Amount], bold: true);
            foreach (var line in p.Budget)
            {
                pdf.Table(AmountColumns, [Dash(line.Item), Money(line.Amount)]);
            }
            pdf.Table(AmountColumns, [ApplicationPdfTexts.BudgetTotal, Format.Nok(p.Budget.Sum(b => b.Amount ?? 0))], bold: true);
            pdf.Table(AmountColumns, [ApplicationPdfTexts.OwnFinancing, Money(p.OwnFinancing)]);
            pdf.Table(AmountColumns, [ApplicationPdfTexts.AmountApplied, Money(p.AmountApplied)], bold: true);

            pdf.Text(ApplicationPdfTexts.ControlMeasures, p.ControlMeasures);
            pdf.Field(ApplicationPdfTexts.SignedBy, p.SignedBy is null ? null : string.Join(", ", new[] { p.SignedBy.Name, p.SignedBy.Role }.Where(x => !string.IsNullOrWhiteSpace(x))));
        }
    }

    private static void SummaryPart(PdfFlow pdf, ApplicationSnapshot s, ApplicationPdfModel model)
    {
        pdf.Heading(ApplicationPdfTexts.Part5);
        var sum = s.Summary;
        pdf.Table(AmountColumns, [ApplicationPdfTexts.SummaryCompetence, Format.Nok(sum.Competence)]);
        pdf.Table(AmountColumns, [ApplicationPdfTexts.SummaryBpa, Format.Nok(sum.Bpa)]);
        pdf.Table(AmountColumns, [ApplicationPdfTexts.SummaryProjects, Format.Nok(sum.Projects)]);
        pdf.Table(AmountColumns, [ApplicationPdfTexts.SummaryTotal, Format.Nok(sum.Total)], bold: true);
        if (sum.Themes.Count > 0)
        {
            pdf.Field(ApplicationPdfTexts.SummaryThemes, string.Join(", ", sum.Themes.Select(t => NameOf(t, model.ThemeNames))));
        }
    }

    private static void IssuesPart(PdfFlow pdf, IReadOnlyList<ValidationIssue> issues)
    {
        var notes = issues.Where(i => i.Severity != IssueSeverity.Error).ToList();
        if (notes.Count == 0)
        {
            return;
        }
        pdf.Heading(ApplicationPdfTexts.Notes);
        foreach (var issue in notes)
        {
            pdf.Paragraph(Fill(issue.Severity == IssueSeverity.Warning ? ApplicationPdfTexts.WarningNote : ApplicationPdfTexts.InfoNote, issue.Message));
        }
    }

    private static string Fill(string format, params object[] values) => string.Format(Nb, format, values);

    private static string NameOf(string? code, IReadOnlyDictionary<string, string> names) =>
        string.IsNullOrWhiteSpace(code) ? "–" : names.TryGetValue(code, out var name) ? name : code;

    private static string Dash(string? text) => string.IsNullOrWhiteSpace(text) ? "–" : text;

    private static string Number(int? n) => n?.ToString("#,0", Nb).Replace('\u00A0', ' ') ?? "–";

    private static string Money(long? kroner) => kroner is { } k ? Format.Nok(k) : "–";

    private static string LowerFirst(string name) =>
        name.Length == 0 ? name : char.ToLower(name[0], Nb) + name[1..];
}
