namespace Ktu.Web.Domain.Rules;

/// <summary>
/// Wrong passwords lock an account out only for the network they came from (issue 16): after <c>attempts</c> wrong
/// passwords for one account from one network (IPv4 /24, IPv6 /48: <c>LoginAddress</c>) that network is refused for that
/// account for <c>lockout</c>, while the account's holder logs in from anywhere else as before, and keeps the sessions
/// already open. So someone who knows an approver's e-mail address cannot keep the approver out by guessing. Failures
/// older than <c>lockout</c> are forgotten, and a right password from the network forgets them at once.
/// </summary>
public static class WrongPasswordsLockOutOnlyTheirOwnNetwork
{
    /// <summary>The wrong passwords counted for one account from one network, and until when that network is locked out.</summary>
    public sealed record Count(int Failures, DateTimeOffset? LastFailureAt, DateTimeOffset? LockedUntil)
    {
        public static readonly Count None = new(0, null, null);
    }

    public static bool IsLockedOut(Count count, DateTimeOffset now) => count.LockedUntil > now;

    /// <summary>The count after one more wrong password; the failure that reaches <paramref name="attempts"/> locks the network out and starts the count again.</summary>
    public static Count AfterWrongPassword(Count count, DateTimeOffset now, int attempts, TimeSpan lockout)
    {
        var failures = count.LastFailureAt is { } last && now - last < lockout ? count.Failures + 1 : 1;
        return failures >= attempts ? new Count(0, now, now + lockout) : count with { Failures = failures, LastFailureAt = now };
    }
}
