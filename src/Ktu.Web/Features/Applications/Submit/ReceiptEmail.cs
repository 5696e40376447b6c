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
        var subject = Format.Text(ApplicationTexts.Email_Receipt_Subject, submission.Reference, view.Rules.Scheme.Name, submission.SchemeYear);
        var body = Body(submission, view, sender);
        return recipients.Select(to => OutboxMessage.Email(to!, subject, body, submission.SubmittedAt));
    }

    internal static string Body(ApplicationSubmission submission, ApplicationView view, Actor sender)
    {
        var s = view.Summary;
        var b = new StringBuilder();
        b.AppendLine(ApplicationTexts.Email_Receipt_Greeting);
        b.AppendLine();
        b.AppendLine(Format.Text(ApplicationTexts.Email_Receipt_Sent, view.Organisation.Name, view.Rules.Scheme.Name.ToLowerInvariant(), submission.SchemeYear, view.Embete.NameBokmal));
        b.AppendLine();
        b.AppendLine(Format.Text(ApplicationTexts.Email_Receipt_Reference, submission.Reference));
        b.AppendLine(Format.Text(ApplicationTexts.Email_Receipt_SentAt, Format.Deadline(submission.SubmittedAt)));
        b.AppendLine(Format.Text(ApplicationTexts.Email_Receipt_SentBy, sender.Name ?? sender.Email, view.Organisation.Name, view.Organisation.OrgNumber));
        b.AppendLine(Format.Text(ApplicationTexts.Email_Receipt_Receiver, view.Embete.NameBokmal));
        if (submission.Number > 1)
        {
            b.AppendLine(Format.Text(ApplicationTexts.Email_Receipt_Resubmission, submission.Number));
        }
        b.AppendLine();
        b.AppendLine(Format.Text(ApplicationTexts.Email_Receipt_Total, Format.Nok(s.Total)));
        b.AppendLine(Format.Text(ApplicationTexts.Email_Receipt_Competence, Format.Nok(s.Competence)));
        b.AppendLine(Format.Text(ApplicationTexts.Email_Receipt_Bpa, Format.Nok(s.Bpa)));
        b.AppendLine(Format.Text(ApplicationTexts.Email_Receipt_Projects, Format.Nok(s.Projects)));
        b.AppendLine();
        b.AppendLine(Format.Text(ApplicationTexts.Email_Receipt_Sha256, submission.Sha256));
        b.AppendLine();
        b.AppendLine(Format.Text(ApplicationTexts.Email_Receipt_Login, Format.Deadline(view.Rules.Deadline)));
        b.AppendLine();
        b.AppendLine(ApplicationTexts.Email_Receipt_Automatic);
        return b.ToString();
    }
}
