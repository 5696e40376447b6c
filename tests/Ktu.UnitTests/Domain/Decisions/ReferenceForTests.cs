using Ktu.Web.Documents;
using Ktu.Web.Domain.Decisions;

namespace Ktu.UnitTests.Domain.Decisions;

/// <summary>Issue 17: a supplementary decision's payment and letter carry the round, the first decision's do not.</summary>
public sealed class ReferenceForTests
{
    [Fact]
    public void The_first_round_keeps_the_case_reference_unchanged() =>
        Assert.Equal("KTU-2027-TRO-0001", GrantDecision.ReferenceFor("KTU-2027-TRO-0001", 1));

    [Theory]
    [InlineData(2, "KTU-2027-TRO-0001-R2")]
    [InlineData(12, "KTU-2027-TRO-0001-R12")]
    public void A_later_round_adds_its_number_to_the_case_reference(int round, string expected) =>
        Assert.Equal(expected, GrantDecision.ReferenceFor("KTU-2027-TRO-0001", round));

    [Theory]
    [InlineData(1, "KTU-2027-TRO-0001_v3.pdf")]
    [InlineData(2, "KTU-2027-TRO-0001-R2_v3.pdf")]
    public void The_letters_file_name_carries_the_same_reference_as_the_payment(int round, string expected) =>
        Assert.Equal(expected, GrantLetterPdf.FileName("KTU-2027-TRO-0001", 3, round));
}
