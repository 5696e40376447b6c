using Ktu.Web.Domain;
using Ktu.Web.Domain.Rules;

namespace Ktu.UnitTests.Domain.Rules;

public sealed class PayeeAddressIsNorwegianTests
{
    [Fact]
    public void A_whole_address_is_accepted_trimmed_and_with_inner_white_space_made_one()
    {
        var problems = PayeeAddressIsNorwegian.Check("  Storgata   1\n", "", " 4836 ", "Arendal", out var address);

        Assert.Empty(problems);
        Assert.Equal(new PostalAddress("Storgata 1", null, "4836", "Arendal"), address);
        Assert.Equal(["Storgata 1", "4836 Arendal"], address!.Lines);
    }

    [Fact]
    public void The_second_line_is_kept_when_given()
    {
        PayeeAddressIsNorwegian.Check("Rådhuset", "Postboks 123", "4809", "Arendal", out var address);

        Assert.Equal("Rådhuset, Postboks 123, 4809 Arendal", address!.ToString());
    }

    [Theory]
    [InlineData("483", "postCode")]
    [InlineData("48360", "postCode")]
    [InlineData("48a6", "postCode")]
    [InlineData("", "postCode")]
    public void A_postcode_must_be_four_digits(string postCode, string field)
    {
        var problems = PayeeAddressIsNorwegian.Check("Storgata 1", null, postCode, "Arendal", out var address);

        Assert.Null(address);
        Assert.Equal(field, Assert.Single(problems).Field);
        Assert.Equal("Postnummeret må ha 4 siffer.", problems[0].Message);
    }

    [Fact]
    public void Line_and_place_are_required_and_bounded()
    {
        Assert.Equal(["addressLine1", "place"], PayeeAddressIsNorwegian.Check(" ", null, "4836", null, out _).Select(p => p.Field));
        var tooLong = PayeeAddressIsNorwegian.Check(new string('a', 71), new string('b', 71), "4836", new string('c', 36), out var address);
        Assert.Null(address);
        Assert.Equal(["addressLine1", "addressLine2", "place"], tooLong.Select(p => p.Field));
        Assert.Equal("Kan være høyst 70 tegn.", tooLong[0].Message);
        Assert.Empty(PayeeAddressIsNorwegian.Check(new string('a', 70), new string('b', 70), "4836", new string('c', 35), out _));
    }

    [Theory]
    [InlineData(null, null, null, null, false)]
    [InlineData(" ", "", null, null, false)]
    [InlineData(null, null, "4836", null, true)]
    [InlineData(null, "x", null, null, true)]
    public void An_address_is_given_when_any_field_is_filled_in(string? line1, string? line2, string? postCode, string? place, bool given) =>
        Assert.Equal(given, PayeeAddressIsNorwegian.IsGiven(line1, line2, postCode, place));
}
