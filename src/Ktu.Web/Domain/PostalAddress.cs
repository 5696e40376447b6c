namespace Ktu.Web.Domain;

/// <summary>
/// A Norwegian postal address a grant is paid and written to once the embete has approved it: one or two address lines, a
/// four-digit postcode and the place. Lengths fit ISO 20022 (AdrLine Max70Text, TwnNm Max35Text). Checked by
/// <see cref="Rules.PayeeAddressIsNorwegian"/>.
/// </summary>
public sealed record PostalAddress(string Line1, string? Line2, string PostCode, string Place)
{
    public const int MaxLineLength = 70;
    public const int MaxPlaceLength = 35;

    /// <summary>The lines as printed on a letter: the address lines, then "postcode place".</summary>
    public IReadOnlyList<string> Lines => Line2 is null ? [Line1, $"{PostCode} {Place}"] : [Line1, Line2, $"{PostCode} {Place}"];

    public override string ToString() => string.Join(", ", Lines);
}
