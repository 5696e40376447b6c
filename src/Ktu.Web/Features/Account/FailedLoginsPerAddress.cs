using System.Threading.RateLimiting;

namespace Ktu.Web.Features.Account;

/// <summary>
/// Failed log-ins from one network summed over every account, unknown e-mail addresses included
/// (Security:FailedLoginsPerAddressPerHour, a sliding hour): beyond the limit the network is refused every log-in, the
/// right password too, with 429 and a Norwegian message, until the hour has moved on (issue 16). The lock-out per
/// account and network (<see cref="Domain.Rules.WrongPasswordsLockOutOnlyTheirOwnNetwork"/>) stops guessing at one
/// account; this stops one network from guessing a few times at many. It is decided before the account is looked up,
/// so the answer tells nothing about which accounts exist. Kept in memory per app instance, as the other rate limits.
/// </summary>
public sealed class FailedLoginsPerAddress : IDisposable
{
    private readonly PartitionedRateLimiter<string> _failures;

    public FailedLoginsPerAddress(int perHour)
    {
        _failures = PartitionedRateLimiter.Create<string, string>(network => RateLimitPartition.GetSlidingWindowLimiter(network,
            _ => new SlidingWindowRateLimiterOptions { PermitLimit = perHour, Window = TimeSpan.FromHours(1), SegmentsPerWindow = 12, QueueLimit = 0 }));
    }

    /// <summary>Whether the network has used up its failed log-ins for the hour.</summary>
    public bool IsExhausted(string network) => _failures.GetStatistics(network) is { CurrentAvailablePermits: <= 0 };

    /// <summary>Counts one failed log-in from the network.</summary>
    public void Count(string network)
    {
        using var lease = _failures.AttemptAcquire(network);
    }

    public void Dispose() => _failures.Dispose();
}
