using static Ktu.Web.Domain.Rules.UnusedFundsMoveAtMostTheAllowedYears;

namespace Ktu.UnitTests.Domain.Rules;

public sealed class UnusedFundsMoveAtMostTheAllowedYearsTests
{
    [Fact]
    public void As_a_rule_money_moves_to_the_next_year_only()
    {
        Assert.Equal([2028], TargetYears(2027, 1));
        Assert.True(Allows(2027, 2028, 1));
        Assert.False(Allows(2027, 2029, 1));
    }

    [Fact]
    public void A_scheme_year_that_allows_more_lets_the_applicant_choose_a_later_year_up_to_the_limit()
    {
        Assert.Equal([2028, 2029, 2030], TargetYears(2027, 3));
        Assert.True(Allows(2027, 2030, 3));
        Assert.False(Allows(2027, 2031, 3));
    }

    [Theory]
    [InlineData(2027)]
    [InlineData(2026)]
    [InlineData(0)]
    public void Money_never_moves_to_the_same_or_an_earlier_year(int toYear) => Assert.False(Allows(2027, toYear, 5));

    [Fact]
    public void Without_a_choice_the_target_is_the_next_year() =>
        Assert.Equal((2028, 2030), (TargetOf(2027, null), TargetOf(2027, 2030)));

    [Fact]
    public void A_setting_outside_the_allowed_range_is_read_as_the_nearest_allowed()
    {
        Assert.Equal([2028], TargetYears(2027, 0));
        Assert.Equal(MaxSetting, TargetYears(2027, 99).Count);
    }
}
