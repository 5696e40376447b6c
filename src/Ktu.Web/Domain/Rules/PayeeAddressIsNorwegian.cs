namespace Ktu.Web.Domain.Rules;

/// <summary>
/// A postal address reported for a grant after the decision goes into the payment file and the letters, so it must be whole and
/// Norwegian: an address line, a postcode of four digits and a place, none longer than the bank file takes. The second address
/// line may be left out. Returns the problems by field (addressLine1, addressLine2, postCode, place), Norwegian.
/// </summary>
public static class PayeeAddressIsNorwegian
{
    /// <summary>Whether any address field is filled in at all: an address is then asked for, and all of it is checked.</summary>
    public static bool IsGiven(string? line1, string? line2, string? postCode, string? place) =>
        !string.IsNullOrWhiteSpace(line1) || !string.IsNullOrWhiteSpace(line2) || !string.IsNullOrWhiteSpace(postCode) || !string.IsNullOrWhiteSpace(place);

    public static IReadOnlyList<(string Field, string Message)> Check(
        string? line1, string? line2, string? postCode, string? place, out PostalAddress? address)
    {
        address = null;
        var problems = new List<(string, string)>();
        var l1 = Clean(line1);
        var l2 = Clean(line2);
        var code = Clean(postCode);
        var town = Clean(place);
        if (l1 is null)
        {
            problems.Add(("addressLine1", RuleTexts.PayeeAddress_LineMissing));
        }
        else if (l1.Length > PostalAddress.MaxLineLength)
        {
            problems.Add(("addressLine1", Format.Text(RuleTexts.PayeeAddress_TooLong, PostalAddress.MaxLineLength)));
        }
        if (l2 is { Length: > PostalAddress.MaxLineLength })
        {
            problems.Add(("addressLine2", Format.Text(RuleTexts.PayeeAddress_TooLong, PostalAddress.MaxLineLength)));
        }
        if (code is null || code.Length != 4 || !code.All(char.IsAsciiDigit))
        {
            problems.Add(("postCode", RuleTexts.PayeeAddress_PostCode));
        }
        if (town is null)
        {
            problems.Add(("place", RuleTexts.PayeeAddress_PlaceMissing));
        }
        else if (town.Length > PostalAddress.MaxPlaceLength)
        {
            problems.Add(("place", Format.Text(RuleTexts.PayeeAddress_TooLong, PostalAddress.MaxPlaceLength)));
        }
        if (problems.Count == 0)
        {
            address = new PostalAddress(l1!, l2, code!, town!);
        }
        return problems;
    }

    /// <summary>Trimmed, inner runs of white space (line breaks, tabs) made one space; null when nothing is left.</summary>
    private static string? Clean(string? value)
    {
        var s = string.Join(' ', (value ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return s.Length == 0 ? null : s;
    }
}
