using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Ktu.Web.Documents;
using Ktu.Web.Features.Payments;

namespace Ktu.UnitTests.GrantLetters;

/// <summary>Whatever an applicant types: merge codes are not re-read, file names stay in their folder, CSV cells never run.</summary>
public sealed class SafeTextProperties
{
    private static readonly string[] Pieces =
        ["{saksnummer}", "{mottaker}", "../", "..\\", "=", "+", "-", "@", "\t", ";", "\"", "\n", "ø", "ŋ", "\u0000", "/", ".", " ", "a", "Ø"];

    private static readonly Arbitrary<string> Typed = Gen.Frequency(
            (3, ArbMap.Default.GeneratorFor<string>().Select(s => s ?? "")),
            (2, Gen.Elements(Pieces).ListOf().Select(parts => string.Concat(parts))))
        .ToArbitrary();

    [Property(MaxTest = 500)]
    public Property A_filled_value_is_printed_as_it_stands() =>
        Prop.ForAll(Typed, value =>
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["mottaker"] = value, ["saksnummer"] = "S" };
            return LetterPlaceholders.Fill("<{mottaker}>", values) == "<" + value + ">";
        });

    [Property(MaxTest = 500)]
    public Property A_safe_name_is_ascii_letters_digits_and_single_hyphens() =>
        Prop.ForAll(Typed, text =>
        {
            var name = ArchiveExport.SafeName(text, "x");
            return name.Length is > 0 and <= 60
                && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
                && !name.Contains("--", StringComparison.Ordinal)
                && !name.StartsWith('-') && !name.EndsWith('-');
        });

    [Property(MaxTest = 500)]
    public Property A_csv_cell_never_starts_a_formula_and_is_quoted_when_it_must_be() =>
        Prop.ForAll(Typed, text =>
        {
            var cell = PaymentCsv.Cell(text);
            var inner = cell.StartsWith('"') ? cell[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : cell;
            var needsQuotes = inner.AsSpan().IndexOfAny(";\"\r\n") >= 0;
            return (inner.Length == 0 || inner[0] is not ('=' or '+' or '-' or '@' or '\t' or '\r'))
                && cell.StartsWith('"') == needsQuotes
                && (inner == text || inner == "'" + text);
        });

    [Property(MaxTest = 500)]
    public Property Payment_text_is_one_line_within_its_length() =>
        Prop.ForAll(Typed, text =>
        {
            var clean = PaymentText.Clean(text, 140);
            return clean.Length <= 140 && !clean.Any(char.IsControl) && clean == clean.Trim();
        });
}
