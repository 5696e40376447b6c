using Ktu.Web.Domain.Rules;

namespace Ktu.Web.Domain;

/// <summary>
/// The wrong passwords for one account from one network and whether that network is locked out of the account
/// (<see cref="WrongPasswordsLockOutOnlyTheirOwnNetwork"/>). Only the network is kept (as in the audit trail), not the machine.
/// </summary>
public sealed class LoginLockout
{
    public const int MaxNetwork = 64;

    private LoginLockout()
    {
    }

    public string UserId { get; private set; } = "";
    /// <summary>The network as <c>LoginAddress.Shorten</c> writes it, such as "198.51.100.0/24"; empty when the address is unknown.</summary>
    public string Network { get; private set; } = "";
    public int Failures { get; private set; }
    public DateTimeOffset? LastFailureAt { get; private set; }
    public DateTimeOffset? LockedUntil { get; private set; }
    /// <summary>Concurrency token: two wrong passwords at once both count.</summary>
    public int Version { get; private set; }

    public static LoginLockout For(string userId, string network) => new() { UserId = userId, Network = network };

    public bool IsLockedOut(DateTimeOffset now) => WrongPasswordsLockOutOnlyTheirOwnNetwork.IsLockedOut(Count, now);

    /// <summary>Counts one wrong password; true when it locked the network out.</summary>
    public bool WrongPassword(DateTimeOffset now, int attempts, TimeSpan lockout)
    {
        var wasLocked = IsLockedOut(now);
        var next = WrongPasswordsLockOutOnlyTheirOwnNetwork.AfterWrongPassword(Count, now, attempts, lockout);
        (Failures, LastFailureAt, LockedUntil) = (next.Failures, next.LastFailureAt, next.LockedUntil);
        Version++;
        return !wasLocked && IsLockedOut(now);
    }

    private WrongPasswordsLockOutOnlyTheirOwnNetwork.Count Count => new(Failures, LastFailureAt, LockedUntil);
}
