using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Domain.Rules;
using Ktu.Web.Web;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Applications.Submit;

/// <summary>
/// Sends the application: only before the deadline and without errors. Stores an immutable snapshot
/// with its SHA-256, gives a reference number and queues the receipt e-mail, all in one transaction.
/// A double click, a retried request or two users at once give one submission and the same receipt.
/// </summary>
internal static class Submit
{
    // Each round at least one of the racing submits wins, so ten rounds cover ten simultaneous submits to one embete.
    private const int MaxAttempts = 10;

    internal abstract record Outcome;
    /// <param name="Repeated">True when the application was already submitted and the existing receipt is returned.</param>
    internal sealed record Submitted(ApplicationSubmission Submission, bool Repeated) : Outcome;
    internal sealed record Refused(string Message, string Code, IReadOnlyList<ValidationIssue> Issues) : Outcome;
    /// <summary>The caller submitted a version that is no longer the current one.</summary>
    internal sealed record Conflict(ApplicationView Current) : Outcome;

    /// <param name="version">The version the user saw; null means "whatever is stored now".</param>
    public static async Task<Outcome> HandleAsync(AppDbContext db, CurrentUser me, TimeProvider time, Guid id, int? version, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var application = await ApplicationAccess.LoadOwnAsync(db, me, id, ct);
            var now = time.GetUtcNow();

            if (application.Status == ApplicationStatus.Submitted)
            {
                var latest = await LatestAsync(db, application.Id, ct);
                // The version sent, or the version the submission produced: both mean "this submission".
                if (version is null || version == latest.ApplicationVersion || version == application.Version)
                {
                    return new Submitted(latest, Repeated: true);
                }
                return new Conflict(await ApplicationView.LoadAsync(db, application, now, ct));
            }
            if (version is not null && version != application.Version)
            {
                return new Conflict(await ApplicationView.LoadAsync(db, application, now, ct));
            }

            var view = await ApplicationView.LoadAsync(db, application, now, ct);
            if (!view.Rules.IsBeforeDeadline)
            {
                return new Refused(
                    $"Søknadsfristen gikk ut {Format.Deadline(view.Rules.Deadline)}, så søknaden kan ikke sendes inn. Det du har skrevet, er lagret.",
                    ApplicationsCloseAtTheDeadline.Code, view.Issues);
            }
            if (view.HasErrors)
            {
                var count = view.Issues.Count(i => i.Severity == IssueSeverity.Error);
                return new Refused(
                    $"Søknaden kan ikke sendes inn ennå: {count} feil må rettes først. Alt du har skrevet, er lagret.",
                    "application-has-errors", view.Issues);
            }

            string? reference = null;
            int? sequence = null;
            if (application.Reference is null)
            {
                sequence = (await db.Applications
                    .Where(a => a.SchemeYear == application.SchemeYear && a.EmbeteId == application.EmbeteId)
                    .MaxAsync(a => a.ReferenceSequence, ct) ?? 0) + 1;
                reference = ReferenceNumber.Format(application.SchemeYear, application.EmbeteId, sequence.Value);
            }
            var actor = ApplicationAccess.ActorOf(me);
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
            var submission = application.Submit(actor, now, snapshot, reference, sequence);
            db.ApplicationSubmissions.Add(submission);
            db.OutboxMessages.AddRange(ReceiptEmail.For(submission, view, actor));
            Audit.AuditTrail.Record(db, me, now, "application.submitted", "application", application.Id.ToString(),
                application.OrganisationId, application.EmbeteId,
                after: new { submission.Reference, submission.Number, submission.Sha256, application.Version });
            try
            {
                await db.SaveChangesAsync(ct);
                return new Submitted(submission, Repeated: false);
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                // Either a simultaneous submit of this application won (the next round returns its
                // receipt), or another application took the reference number (the next round takes the next).
                // A short random pause keeps the racers from colliding again in lockstep.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 25) * attempt), ct);
            }
            catch (DbUpdateException)
            {
                throw new RuleViolationException(
                    "Mange sender inn akkurat nå, og søknaden ble ikke sendt. Det du har skrevet, er lagret. Prøv å sende igjen om et øyeblikk.",
                    "busy");
            }
        }
    }

    public static Task<ApplicationSubmission> LatestAsync(AppDbContext db, Guid applicationId, CancellationToken ct) =>
        db.ApplicationSubmissions.AsNoTracking()
            .Where(s => s.ApplicationId == applicationId)
            .OrderByDescending(s => s.Number)
            .FirstAsync(ct);
}
