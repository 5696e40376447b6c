using Ktu.Web.Domain;

namespace Ktu.UnitTests.Domain;

public sealed class AccountNumberTests
{
    [Theory]
    [InlineData("12345678903")]
    [InlineData("1234.56.78903")]
    [InlineData("1234 56 78903")]
    public void A_correct_account_number_is_valid(string input) => Assert.True(AccountNumber.IsValid(input));

    [Theory]
    [InlineData("12345678904", "Kontonummeret er ikke gyldig. Kontroller at alle sifrene er riktige.")]
    [InlineData("1234567890", "Kontonummeret må ha 11 siffer.")]
    [InlineData("1234567890x", "Kontonummeret må ha 11 siffer.")]
    [InlineData("", "Kontonummer mangler.")]
    public void A_wrong_account_number_is_refused_with_a_message_that_says_why(string input, string message)
    {
        Assert.False(AccountNumber.TryParse(input, out _, out var error));
        Assert.Equal(message, error);
    }

    [Fact]
    public void An_account_number_is_printed_the_way_banks_print_it() =>
        Assert.Equal("1234.56.78903", AccountNumber.Parse("12345678903").Formatted);

    [Fact]
    public void A_body_whose_check_digit_would_be_ten_has_no_valid_number()
    {
        // Remainder 1 gives check digit 10, which does not exist: no ending may be accepted.
        var body = Enumerable.Range(0, 100_000).Select(i => i.ToString("D10", System.Globalization.CultureInfo.InvariantCulture))
            .First(b => Mod11.CheckDigit(b, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) is null);
        Assert.All(Enumerable.Range(0, 10), d => Assert.False(AccountNumber.IsValid(body + d)));
    }
}
