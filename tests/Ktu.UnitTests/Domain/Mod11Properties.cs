using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Ktu.Web.Domain;

namespace Ktu.UnitTests.Domain;

/// <summary>Property-based checks of the MOD11 rules for organisation and account numbers.</summary>
public sealed class Mod11Properties
{
    private static readonly int[] OrgWeights = [3, 2, 7, 6, 5, 4, 3, 2];
    private static readonly int[] AccountWeights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

    private static Arbitrary<string> Digits(int length) =>
        Gen.Choose(0, 9).ArrayOf(length).Select(a => string.Concat(a)).ToArbitrary();

    /// <summary>Valid numbers built by appending the computed check digit, skipping bodies that have none.</summary>
    private static Arbitrary<string> Valid(int bodyLength, int[] weights) =>
        Gen.Choose(0, 9).ArrayOf(bodyLength)
            .Select(a => string.Concat(a))
            .Where(body => Mod11.CheckDigit(body, weights) is not null)
            .Select(body => body + Mod11.CheckDigit(body, weights))
            .ToArbitrary();

    [Property(MaxTest = 500)]
    public Property Exactly_one_last_digit_or_none_makes_an_organisation_number_valid() =>
        Prop.ForAll(Digits(8), body =>
        {
            var validEndings = Enumerable.Range(0, 10).Count(d => OrgNumber.IsValid(body + d));
            var expected = Mod11.CheckDigit(body, OrgWeights) is null ? 0 : 1;
            return validEndings == expected;
        });

    [Property(MaxTest = 500)]
    public Property Changing_any_one_digit_of_a_valid_organisation_number_makes_it_invalid() =>
        Prop.ForAll(Valid(8, OrgWeights), Gen.Choose(0, 8).ToArbitrary(), Gen.Choose(1, 9).ToArbitrary(), (number, position, delta) =>
        {
            var chars = number.ToCharArray();
            chars[position] = (char)('0' + ((chars[position] - '0' + delta) % 10));
            return OrgNumber.IsValid(number) && !OrgNumber.IsValid(new string(chars));
        });

    [Property(MaxTest = 500)]
    public Property Changing_any_one_digit_of_a_valid_account_number_makes_it_invalid() =>
        Prop.ForAll(Valid(10, AccountWeights), Gen.Choose(0, 10).ToArbitrary(), Gen.Choose(1, 9).ToArbitrary(), (number, position, delta) =>
        {
            var chars = number.ToCharArray();
            chars[position] = (char)('0' + ((chars[position] - '0' + delta) % 10));
            return AccountNumber.IsValid(number) && !AccountNumber.IsValid(new string(chars));
        });

    [Property(MaxTest = 300)]
    public Property An_account_number_written_with_dots_or_spaces_is_the_same_number() =>
        Prop.ForAll(Valid(10, AccountWeights), number =>
        {
            var dotted = $"{number[..4]}.{number[4..6]}.{number[6..]}";
            var spaced = $"{number[..4]} {number[4..6]} {number[6..]}";
            return AccountNumber.TryParse(dotted, out var a) && AccountNumber.TryParse(spaced, out var b)
                && a!.Value.Value == number && b!.Value.Value == number && a.Value.Formatted == dotted;
        });

    [Property(MaxTest = 1000)]
    public Property Any_text_is_answered_without_throwing() =>
        Prop.ForAll<string>(text =>
        {
            var org = OrgNumber.TryParse(text, out var o, out var orgError);
            var acc = AccountNumber.TryParse(text, out var a, out var accError);
            return (org ? o is not null && orgError is null : orgError is not null)
                && (acc ? a is not null && accError is null : accError is not null);
        });
}
