using Ktu.Web.Domain.Rules;
using static Ktu.Web.Domain.Rules.ClaimsAreOffsetAgainstTheNextPayment;

namespace Ktu.UnitTests.Domain.Rules;

public sealed class ClaimsAreOffsetAgainstTheNextPaymentTests
{
    private static readonly Guid Payment2027 = Guid.NewGuid();
    private static readonly Guid Claim = Guid.NewGuid();
    private static readonly DateTimeOffset Issued = new(2027, 5, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_claim_smaller_than_the_next_payment_is_deducted_in_full()
    {
        var d = Deduct([new Payment(Payment2027, 7, 2027, "KTU-2027-1", 260_000)], [new OpenClaim(Claim, 7, 2026, Issued, 50_000)]);

        Assert.Equal([new Deduction(Claim, Payment2027, 50_000)], d);
    }

    [Fact]
    public void A_claim_larger_than_the_next_payment_takes_the_payment_to_zero_and_the_rest_waits_for_a_later_payment()
    {
        var payment2028 = Guid.NewGuid();
        var d = Deduct(
            [new Payment(payment2028, 7, 2028, "KTU-2028-1", 100_000), new Payment(Payment2027, 7, 2027, "KTU-2027-1", 60_000)],
            [new OpenClaim(Claim, 7, 2026, Issued, 90_000)]);

        Assert.Equal([new Deduction(Claim, Payment2027, 60_000), new Deduction(Claim, payment2028, 30_000)], d);
    }

    [Fact]
    public void Older_claims_go_first_and_a_payment_is_never_below_zero()
    {
        var newer = Guid.NewGuid();
        var d = Deduct([new Payment(Payment2027, 7, 2027, "KTU-2027-1", 70_000)],
            [new OpenClaim(newer, 7, 2026, Issued.AddDays(3), 50_000), new OpenClaim(Claim, 7, 2025, Issued, 50_000)]);

        Assert.Equal([new Deduction(Claim, Payment2027, 50_000), new Deduction(newer, Payment2027, 20_000)], d);
        Assert.Equal(70_000, d.Sum(x => x.Amount));
    }

    [Fact]
    public void Only_a_later_grant_of_the_same_organisation_is_offset()
    {
        var d = Deduct(
            [new Payment(Payment2027, 8, 2027, "KTU-2027-2", 100_000), new Payment(Guid.NewGuid(), 7, 2026, "KTU-2026-1", 100_000)],
            [new OpenClaim(Claim, 7, 2026, Issued, 50_000)]);

        Assert.Empty(d);
    }

    [Fact]
    public void Nothing_is_deducted_from_a_payment_already_taken_to_zero()
    {
        Assert.Empty(Deduct([new Payment(Payment2027, 7, 2027, "KTU-2027-1", 0)], [new OpenClaim(Claim, 7, 2026, Issued, 50_000)]));
    }
}
