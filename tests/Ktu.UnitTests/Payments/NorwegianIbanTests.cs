using Ktu.Web.Domain;
using Ktu.Web.Features.Payments;

namespace Ktu.UnitTests.Payments;

public sealed class NorwegianIbanTests
{
    [Fact]
    public void The_iban_of_the_known_norwegian_example_has_check_digits_93()
    {
        var iban = NorwegianIban.FromBban(AccountNumber.Parse("8601.11.17947"));

        Assert.Equal("NO9386011117947", iban);
        Assert.Equal("NO93 8601 1117 947", NorwegianIban.Formatted(iban));
        Assert.True(NorwegianIban.IsValid("NO93 8601 1117 947"));
    }

    [Theory]
    [InlineData("NO9486011117947")]
    [InlineData("NO9386011117948")]
    [InlineData("SE9386011117947")]
    [InlineData("NO938601111794")]
    [InlineData("")]
    [InlineData(null)]
    public void A_wrong_iban_is_not_valid(string? iban) => Assert.False(NorwegianIban.IsValid(iban));

    [Fact]
    public void An_invalid_account_number_has_no_iban()
    {
        Assert.False(NorwegianIban.TryFromBban("86011117948", out var iban));
        Assert.Null(iban);
        Assert.True(NorwegianIban.TryFromBban("1234 56 78903", out iban));
        Assert.True(NorwegianIban.IsValid(iban));
    }
}
