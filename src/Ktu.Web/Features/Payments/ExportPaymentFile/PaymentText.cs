using System.Globalization;
using System.Text;

namespace Ktu.Web.Features.Payments;

/// <summary>
/// Text that goes to the bank: one line, composed (NFC), control characters and line breaks as single
/// spaces, and cut to the length the format allows. What is left is always valid in XML and CSV.
/// </summary>
internal static class PaymentText
{
    public static string Clean(string? text, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }
        var b = new StringBuilder(text.Length);
        var space = false;
        foreach (var rune in text.Normalize(NormalizationForm.FormC).EnumerateRunes())
        {
            var isSpace = Rune.IsWhiteSpace(rune) || Rune.IsControl(rune)
                || Rune.GetUnicodeCategory(rune) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
            if (isSpace)
            {
                space = b.Length > 0;
                continue;
            }
            if (space)
            {
                b.Append(' ');
                space = false;
            }
            b.Append(rune.ToString()); // lone surrogates arrive as U+FFFD, which XML accepts
        }
        return Cut(b.ToString(), maxLength);
    }

    /// <summary>At most <paramref name="maxLength"/> UTF-16 units, never splitting a surrogate pair.</summary>
    public static string Cut(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }
        var end = char.IsHighSurrogate(text[maxLength - 1]) ? maxLength - 1 : maxLength;
        return text[..end].TrimEnd();
    }
}
