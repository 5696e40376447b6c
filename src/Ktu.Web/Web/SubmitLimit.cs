using System.Diagnostics;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Ktu.Web.Web;

/// <summary>
/// One budget per person for submitting and withdrawing applications (Security:SubmitsPerHour, a sliding hour), shared
/// by the API's rate-limit policy (<see cref="Policies.SubmitRateLimit"/>) and the summary page's two buttons, so a
/// person who switches between the API and the page gets no more cycles than one who keeps to either (issue 16).
/// </summary>
public sealed class SubmitLimit : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public SubmitLimit(int perHour)
    {
        _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetSlidingWindowLimiter(key,
            _ => new SlidingWindowRateLimiterOptions { PermitLimit = perHour, Window = TimeSpan.FromHours(1), SegmentsPerWindow = 6, QueueLimit = 0 }));
    }

    /// <summary>Takes one submit or withdrawal from the caller's budget; false when it is used up (nothing is taken then).</summary>
    public bool TryTake(HttpContext http)
    {
        using var lease = _limiter.AttemptAcquire(AuthSetup.Caller(http));
        return lease.IsAcquired;
    }

    /// <summary>The API's policy: the middleware's partition for a caller is a view on the same budget.</summary>
    internal IRateLimiterPolicy<string> Policy => new SharedPolicy(_limiter);

    public void Dispose() => _limiter.Dispose();

    private sealed class SharedPolicy(PartitionedRateLimiter<string> shared) : IRateLimiterPolicy<string>
    {
        // The rejection is answered by the limiter's OnRejected (ProblemDetails with a Norwegian title).
        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => null;

        public RateLimitPartition<string> GetPartition(HttpContext httpContext)
        {
            var key = AuthSetup.Caller(httpContext);
            return RateLimitPartition.Get(key, k => new View(shared, k));
        }
    }

    /// <summary>
    /// The middleware disposes a partition's limiter once idle and makes a new one when the caller comes back: the count
    /// lives in the shared limiter, so the view can go and come without forgetting anything.
    /// </summary>
    private sealed class View(PartitionedRateLimiter<string> shared, string key) : RateLimiter
    {
        private long _lastUse = Stopwatch.GetTimestamp();

        public override TimeSpan? IdleDuration => Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastUse));

        public override RateLimiterStatistics? GetStatistics() => shared.GetStatistics(key);

        protected override RateLimitLease AttemptAcquireCore(int permitCount)
        {
            Interlocked.Exchange(ref _lastUse, Stopwatch.GetTimestamp());
            return shared.AttemptAcquire(key, permitCount);
        }

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            Interlocked.Exchange(ref _lastUse, Stopwatch.GetTimestamp());
            return shared.AcquireAsync(key, permitCount, cancellationToken);
        }
    }
}
