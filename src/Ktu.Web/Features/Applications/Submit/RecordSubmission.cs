using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Domain.Audit;

namespace Ktu.Web.Features.Applications;

/// <summary>
/// Records the submission of an application that has passed the deadline and error checks: the immutable
/// snapshot with its SHA-256, a reference number on the first submission (a resubmission keeps its number),
/// the receipt e-mail and the audit entry, in one transaction with taking the number. If the save fails,
/// nothing is stored and the number goes back to the counter. Used by <see cref="Submit"/> and by the demo seed.
/// </summary>
internal static class RecordSubmission
{
    /// <param name="demoSeed">A sample application of the demo seed: no receipt e-mail, and the audit entry says so.</param>
    /// <param name="receiptEmails">The bound on e-mails to one address; a receipt beyond it is stored but not e-mailed.</param>
    public static async Task<ApplicationSubmission> SaveAsync(
        AppDbContext db, Application application, ApplicationView view, Actor actor, DateTimeOffset now, bool demoSeed, ReceiptEmailLimit? receiptEmails, CancellationToken ct)
    {
        var snapshot = new ApplicationSnapshot
        {
            Reference = "",
            Number = 0,
            ApplicationId = application.Id,
            ApplicationVersion = application.Version,
            SchemeYear = application.SchemeYear,
            SubmittedAt = now,
            SubmittedBy = actor.Name is { } name ? $"{name} ({actor.Email})" : actor.Email ?? actor.UserId,
            Organisation = new(view.Organisation.OrgNumber, view.Organisation.Name),
            ReceivingEmbete = new(view.Embete.Id, view.Embete.NameBokmal),
            Application = view.Content,
            Summary = view.Summary,
            Issues = view.Issues,
        };
        return await WriteTransaction.RunAsync(db, async () =>
        {
            string? reference = null;
            int? sequence = null;
            if (application.Reference is null)
            {
                sequence = await NextReferenceNumber.TakeAsync(db, application.SchemeYear, application.EmbeteId, ct);
                reference = ReferenceNumber.Format(application.SchemeYear, application.EmbeteId, sequence.Value);
            }
            var submission = application.Submit(actor, now, snapshot, reference, sequence);
            db.ApplicationSubmissions.Add(submission);
            var heldBack = 0;
            if (!demoSeed)
            {
                foreach (var mail in ReceiptEmail.For(submission, view, actor))
                {
                    if (receiptEmails is null || await receiptEmails.AllowsAsync(db, mail.To, now, ct))
                    {
                        db.OutboxMessages.Add(mail);
                    }
                    else
                    {
                        heldBack++;
                    }
                }
            }
            object after = demoSeed
                ? new { submission.Reference, submission.Number, submission.Sha256, application.Version, demo = true }
                : heldBack > 0
                    ? new { submission.Reference, submission.Number, submission.Sha256, application.Version, receiptEmailsHeldBack = heldBack }
                    : new { submission.Reference, submission.Number, submission.Sha256, application.Version };
            db.AuditEntries.Add(AuditEntry.Create(now, actor.UserId, actor.Email, "application.submitted", "application",
                application.Id.ToString(), application.OrganisationId, application.EmbeteId, after: after));
            await db.SaveChangesAsync(ct);
            return submission;
        }, ct);
    }
}
