using Ktu.Web.Domain;
using Ktu.Web.Domain.Reporting;

namespace Ktu.UnitTests.Domain.Reporting;

public sealed class AuditorRequirementTests
{
    [Theory]
    // 2022: "over 200 000".
    [InlineData(199_999, ThresholdComparison.Above, AccountsEvidence.AccountsPrint)]
    [InlineData(200_000, ThresholdComparison.Above, AccountsEvidence.AccountsPrint)]
    [InlineData(200_001, ThresholdComparison.Above, AccountsEvidence.AuditorStatement)]
    // 2025: "fra 200 000 og mer".
    [InlineData(199_999, ThresholdComparison.AtLeast, AccountsEvidence.AccountsPrint)]
    [InlineData(200_000, ThresholdComparison.AtLeast, AccountsEvidence.AuditorStatement)]
    [InlineData(200_001, ThresholdComparison.AtLeast, AccountsEvidence.AuditorStatement)]
    public void The_threshold_is_compared_the_way_the_year_words_it(long granted, ThresholdComparison comparison, AccountsEvidence expected)
    {
        var requirement = AuditorRequirement.For(granted, granted, 200_000, comparison);
        Assert.Equal(expected, requirement.Evidence);
        Assert.False(requirement.MayCoverTwoYears);
    }

    [Theory]
    [InlineData(ThresholdComparison.AtLeast, 199_999, true)]
    [InlineData(ThresholdComparison.AtLeast, 200_000, false)]
    [InlineData(ThresholdComparison.Above, 200_000, true)]
    [InlineData(ThresholdComparison.Above, 200_001, false)]
    public void A_grant_above_the_threshold_with_spending_below_it_may_have_one_statement_for_two_years(ThresholdComparison comparison, long spent, bool twoYears)
    {
        var requirement = AuditorRequirement.For(300_000, spent, 200_000, comparison);
        Assert.Equal(AccountsEvidence.AuditorStatement, requirement.Evidence);
        Assert.Equal(twoYears, requirement.MayCoverTwoYears);
    }

    [Fact]
    public void Below_the_threshold_low_spending_never_allows_postponing()
    {
        Assert.False(AuditorRequirement.For(150_000, 0, 200_000, ThresholdComparison.AtLeast).MayCoverTwoYears);
    }
}
