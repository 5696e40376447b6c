using Ktu.Web.Features.Outbox;

namespace Ktu.UnitTests.Features.Outbox;

public sealed class RetryScheduleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(7, 64)]
    [InlineData(8, 120)]
    [InlineData(9, 120)]
    [InlineData(1000, 120)]
    public void The_wait_doubles_from_one_minute_up_to_two_hours(int attempts, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), RetrySchedule.Delay(attempts));

    [Fact]
    public void A_failed_message_is_tried_again_after_the_wait() =>
        Assert.Equal(Now.AddMinutes(4), RetrySchedule.NextAttempt(attempts: 3, maxAttempts: 10, Now));

    [Fact]
    public void After_the_last_attempt_the_message_is_given_up()
    {
        Assert.NotNull(RetrySchedule.NextAttempt(attempts: 9, maxAttempts: 10, Now));
        Assert.Null(RetrySchedule.NextAttempt(attempts: 10, maxAttempts: 10, Now));
    }

    [Fact]
    public void With_the_default_tries_a_message_is_given_up_the_same_working_day()
    {
        var waited = Enumerable.Range(1, RetrySchedule.DefaultMaxAttempts - 1).Aggregate(TimeSpan.Zero, (sum, a) => sum + RetrySchedule.Delay(a));

        Assert.InRange(waited, TimeSpan.FromHours(4), TimeSpan.FromHours(8));
    }
}
