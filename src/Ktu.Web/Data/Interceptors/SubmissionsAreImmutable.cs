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
        foreach (var entry in context.ChangeTracker.Entries<ApplicationSubmission>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException($"Submission {entry.Entity.Id} is immutable; it cannot be {entry.State.ToString().ToLowerInvariant()}.");
            }
        }
        // A fixed decision is the basis of the letter and the payment: a correction is a new decision, never an edit.
        foreach (var entry in context.ChangeTracker.Entries<Ktu.Web.Domain.Decisions.GrantDecision>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException($"Decision {entry.Entity.Id} is immutable; it cannot be {entry.State.ToString().ToLowerInvariant()}.");
            }
        }
        // A grant letter is what the applicant received: a correction is a new version row, both kept.
        foreach (var entry in context.ChangeTracker.Entries<Ktu.Web.Domain.Letters.GrantLetter>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException($"Grant letter {entry.Entity.Id} is immutable; it cannot be {entry.State.ToString().ToLowerInvariant()}.");
            }
        }
        // A marked payment is a record of money sent; marking again is refused before it gets here.
        foreach (var entry in context.ChangeTracker.Entries<Ktu.Web.Domain.Letters.GrantPayment>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException($"Payment of {entry.Entity.GrantDecisionId} is immutable; it cannot be {entry.State.ToString().ToLowerInvariant()}.");
            }
        }
    }
}
