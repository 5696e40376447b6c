using System.Text;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Domain.Rules;
using Ktu.Web.Web;

namespace Ktu.Web.Features.Applications;

/// <summary>The receipt e-mail to the person who submitted and to the contact person, queued in the outbox.</summary>
internal static class ReceiptEmail
{
    public static IEnumerable<OutboxMessage> For(ApplicationSubmission submission, ApplicationView view, Actor sender)
    {
        var recipients = new[] { sender.Email, view.Content.Contact?.Email?.Trim() }
            .Where(e => !string.IsNullOrWhiteSpace(e) && ContactPersonIsReachable.IsEmail(e))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        var subject = $"Kvittering for søknad {submission.Reference} – {view.Rules.Scheme.Name} {submission.SchemeYear}";
        var body = Body(submission, view, sender);
        return recipients.Select(to => OutboxMessage.Email(to!, subject, body, submission.SubmittedAt));
    }

    internal static string Body(ApplicationSubmission submission, ApplicationView view, Actor sender)
    {
        var s = view.Summary;
        var b = new StringBuilder();
        b.AppendLine("Hei,");
        b.AppendLine();
        b.AppendLine($"{view.Organisation.Name} har sendt søknad om {view.Rules.Scheme.Name.ToLowerInvariant()} for {submission.SchemeYear} til {view.Embete.NameBokmal}.");
        b.AppendLine();
        b.AppendLine($"Referansenummer: {submission.Reference}");
        b.AppendLine($"Sendt: {Format.Deadline(submission.SubmittedAt)}");
        b.AppendLine($"Sendt av: {sender.Name ?? sender.Email} for {view.Organisation.Name} (org.nr. {view.Organisation.OrgNumber})");
        b.AppendLine($"Mottaker: {view.Embete.NameBokmal}");
        if (submission.Number > 1)
        {
            b.AppendLine($"Innsending nummer {submission.Number}. Den forrige innsendingen er trukket tilbake og tatt vare på.");
        }
        b.AppendLine();
        b.AppendLine($"Dere søker om {Format.Nok(s.Total)} i alt:");
        b.AppendLine($"- kompetansetiltak: {Format.Nok(s.Competence)}");
        b.AppendLine($"- opplæring i BPA: {Format.Nok(s.Bpa)}");
        b.AppendLine($"- tjenesteutviklingstiltak: {Format.Nok(s.Projects)}");
        b.AppendLine();
        b.AppendLine($"Kontrollsum for den lagrede søknaden (SHA-256): {submission.Sha256}");
        b.AppendLine();
        b.AppendLine($"Kvitteringen og en kopi av søknaden finner du når du logger inn. Dere kan trekke søknaden og sende den på nytt fram til søknadsfristen {Format.Deadline(view.Rules.Deadline)}.");
        b.AppendLine();
        b.AppendLine("Denne e-posten er sendt automatisk og kan ikke besvares.");
        return b.ToString();
    }
}
