namespace Ktu.Web.Features.Outbox;

/// <summary>
/// When a message that could not be sent is tried again: after 1, 2, 4 ... minutes, at most two hours apart, and not
/// after <c>maxAttempts</c> tries. With the default ten tries a message is given up about six hours after the first,
/// long enough to ride out a mail server's restart or a night's maintenance, short enough that a receipt which never
/// arrived shows as failed the same working day.
/// </summary>
internal static class RetrySchedule
{
    public const int DefaultMaxAttempts = 10;
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan LongestDelay = TimeSpan.FromHours(2);

    /// <param name="attempts">Tries made so far, the failed one included.</param>
    /// <returns>The earliest next try; null when the message is given up.</returns>
    public static DateTimeOffset? NextAttempt(int attempts, int maxAttempts, DateTimeOffset now) =>
        attempts >= maxAttempts ? null : now + Delay(attempts);

    public static TimeSpan Delay(int attempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        // 2^7 minutes is already past the longest delay; stopping there keeps the shift small.
        var minutes = 1L << Math.Min(attempts - 1, 7);
        var delay = FirstDelay * minutes;
        return delay < LongestDelay ? delay : LongestDelay;
    }
}
