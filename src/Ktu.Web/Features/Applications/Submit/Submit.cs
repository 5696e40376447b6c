using Ktu.Web.Data;
using Ktu.Web.Domain;
using Ktu.Web.Domain.Applications;
using Ktu.Web.Domain.Rules;
using Ktu.Web.Web;
using Microsoft.EntityFrameworkCore;

namespace Ktu.Web.Features.Applications;

/// <summary>
/// Sends the application: only before the deadline and without errors. Stores an immutable snapshot
/// with its SHA-256, gives a reference number and queues the receipt e-mail, all in one transaction (<see cref="RecordSubmission"/>).
/// A double click, a retried request or two users at once give one submission and the same receipt.
/// </summary>
internal static class Submit
{
    // The reference number comes from a counter that cannot race (RecordSubmission), so a failed save means a
    // simultaneous submit of this same application won: the next round returns its receipt. A third round
    // covers a save that failed for another passing reason.
    private const int MaxAttempts = 3;

    internal abstract record Outcome;
    /// <param name="Repeated">True when the application was already submitted and the existing receipt is returned.</param>
    internal sealed record Submitted(ApplicationSubmission Submission, bool Repeated) : Outcome;
    internal sealed record Refused(string Message, string Code, IReadOnlyList<ValidationIssue> Issues) : Outcome;
    /// <summary>The caller submitted a version that is no longer the current one.</summary>
    internal sealed record Conflict(ApplicationView Current) : Outcome;

    /// <param name="version">The version the user saw; null means "whatever is stored now".</param>
    public static async Task<Outcome> HandleAsync(AppDbContext db, CurrentUser me, TimeProvider time, ReceiptEmailLimit receiptEmails, Guid id, int? version, CancellationToken ct)
    {
        // On PostgreSQL a transient failure retries the whole attempt, loads included (see WriteTransaction).
        var strategy = db.Database.CreateExecutionStrategy();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await strategy.ExecuteAsync(c => AttemptAsync(db, me, time, receiptEmails, id, version, c), ct);
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                // The next round starts from what is stored now.
            }
            catch (DbUpdateException)
            {
                throw new RuleViolationException(
                    ApplicationTexts.Submit_Busy,
                    "busy");
            }
        }
    }

    private static async Task<Outcome> AttemptAsync(AppDbContext db, CurrentUser me, TimeProvider time, ReceiptEmailLimit receiptEmails, Guid id, int? version, CancellationToken ct)
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
                ApplicationsCloseAtTheDeadline.Message(view.Rules.Deadline),
                ApplicationsCloseAtTheDeadline.Code, view.Issues);
        }
        if (view.HasErrors)
        {
            var count = view.Issues.Count(i => i.Severity == IssueSeverity.Error);
            return new Refused(
                Format.Text(ApplicationTexts.Submit_HasErrors, count),
                "application-has-errors", view.Issues);
        }

        var submission = await RecordSubmission.SaveAsync(db, application, view, me.Actor, now, demoSeed: false, receiptEmails, ct);
        return new Submitted(submission, Repeated: false);
    }

    public static Task<ApplicationSubmission> LatestAsync(AppDbContext db, Guid applicationId, CancellationToken ct) =>
        db.ApplicationSubmissions.AsNoTracking()
            .Where(s => s.ApplicationId == applicationId)
            .OrderByDescending(s => s.Number)
            .FirstAsync(ct);
}
