namespace Ktu.Web.Domain.Rules;

/// <summary>
/// Who lifts which lock (issue 16). The administrator lifts any. An embete's leader lifts the lock-outs after wrong
/// passwords of the embete's own people (case officers and approvers), so an approver shut out by someone guessing at
/// the password is back at work without waiting for the administrator. A lock the administrator set (until further
/// notice, as when an account is misused or its holder has left) is lifted only by the administrator: a leader could
/// otherwise undo it. Anyone else's account is not found, as elsewhere in user administration.
/// </summary>
public static class LeadersLiftOnlyLockOutsAfterWrongPasswords
{
    public enum Answer
    {
        Allowed,
        NotFound,
        OnlyTheAdministrator,
    }

    public static Answer Decide(RolesAreGrantedOnlyWithinOnesOwn.Granter granter, string? embeteId, bool lockedByAdministrator)
    {
        if (granter.Roles.Contains(Roles.Admin))
        {
            return Answer.Allowed;
        }
        if (!granter.Roles.Contains(Roles.Approver) || granter.EmbeteId is null || !string.Equals(embeteId, granter.EmbeteId, StringComparison.Ordinal))
        {
            return Answer.NotFound;
        }
        return lockedByAdministrator ? Answer.OnlyTheAdministrator : Answer.Allowed;
    }

    /// <summary>
    /// Whether the account's own lock is one the administrator set (or a demo account's quarantine): one that runs longer
    /// than a lock-out after wrong passwords ever does.
    /// </summary>
    public static bool IsAdministratorsLock(DateTimeOffset? lockoutEnd, DateTimeOffset now, TimeSpan wrongPasswordLockout) =>
        lockoutEnd > now + wrongPasswordLockout;
}
