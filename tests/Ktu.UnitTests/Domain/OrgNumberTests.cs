using Ktu.Web.Domain;

namespace Ktu.UnitTests.Domain;

public sealed class OrgNumberTests
{
    [Theory]
    [InlineData("942110464")] // Trondheim kommune
    [InlineData("958935420")] // Oslo kommune
    [InlineData("974764350")] // Statsforvalteren i Trøndelag
    [InlineData("942 110 464")]
    public void A_registered_organisation_number_is_valid(string input) => Assert.True(OrgNumber.IsValid(input));

    [Theory]
    [InlineData("942110465")]
    [InlineData("94211046")]
    [InlineData("9421104641")]
    [InlineData("94211046a")]
    [InlineData("")]
    [InlineData(null)]
    public void A_malformed_organisation_number_is_refused_with_a_norwegian_message(string? input)
    {
        Assert.False(OrgNumber.TryParse(input, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }
}
