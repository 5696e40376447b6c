using Ktu.Web.Domain.Applications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Ktu.Web.Data.Interceptors;

/// <summary>
/// A submitted snapshot and its receipt, and a fixed grant decision, are evidence: the SHA-256 in the receipt must match the
/// stored bytes for ever. Any attempt to change or delete a submission row fails before it reaches the database.
/// </summary>
internal sealed class SubmissionsAreImmutable : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Guard(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Guard(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Guard(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        // One pass over the tracked entries: each Entries<T>() call would look for changes in every entity again.
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }
            var verb = entry.State.ToString().ToLowerInvariant();
            switch (entry.Entity)
            {
                case ApplicationSubmission submission:
                    throw new InvalidOperationException($"Submission {submission.Id} is immutable; it cannot be {verb}.");
                // A fixed decision is the basis of the letter and the payment: a correction is a new decision, never an edit.
                case Ktu.Web.Domain.Decisions.GrantDecision decision:
                    throw new InvalidOperationException($"Decision {decision.Id} is immutable; it cannot be {verb}.");
                // A grant letter is what the applicant received: a correction is a new version row, both kept.
                case Ktu.Web.Domain.Letters.GrantLetter letter:
                    throw new InvalidOperationException($"Grant letter {letter.Id} is immutable; it cannot be {verb}.");
                // A marked payment is a record of money sent; marking again is refused before it gets here.
                case Ktu.Web.Domain.Letters.GrantPayment payment:
                    throw new InvalidOperationException($"Payment of {payment.GrantDecisionId} is immutable; it cannot be {verb}.");
                // A sent report and an uploaded attachment are evidence like a submitted application.
                case Ktu.Web.Domain.Reporting.GrantReportSubmission report:
                    throw new InvalidOperationException($"Report submission {report.Id} is immutable; it cannot be {verb}.");
                case Ktu.Web.Domain.Reporting.TransferDecision transfer:
                    throw new InvalidOperationException($"Transfer decision {transfer.Id} is immutable; it cannot be {verb}.");
                case Ktu.Web.Domain.Reporting.ReportAttachment attachment:
                    throw new InvalidOperationException($"Attachment {attachment.Id} is immutable; it cannot be {verb}.");
            }
        }
    }
}
